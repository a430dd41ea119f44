package io.github.confluenceassistant.batch.confluence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page or blog post as read from Airbyte's tables, whatever their layout.
 *
 * @param storageBody  storage-format XHTML; null when the Airbyte row has none (the current connector syncs no
 *                     bodies), empty or blank for a page that is empty in Confluence (a parent page, say)
 * @param ancestorTitles parent chain, root first, as far as the tables let us walk it
 * @param url          absolute link to the page (site URL + _links.webui)
 */
public record ConfluencePage(
        String id,
        String contentType,
        String status,
        String spaceKey,
        String spaceName,
        String title,
        int version,
        Instant lastModified,
        String url,
        List<String> ancestorTitles,
        String storageBody) {

    public ConfluencePage {
        Objects.requireNonNull(id, "id");
        contentType = Objects.requireNonNullElse(contentType, "page");
        status = Objects.requireNonNullElse(status, "current");
        spaceKey = Objects.requireNonNullElse(spaceKey, "");
        spaceName = Objects.requireNonNullElse(spaceName, spaceKey);
        title = Objects.requireNonNullElse(title, "");
        lastModified = Objects.requireNonNullElse(lastModified, Instant.EPOCH);
        url = Objects.requireNonNullElse(url, "");
        ancestorTitles = List.copyOf(Objects.requireNonNullElse(ancestorTitles, List.of()));
    }

    /** Whether the source had a body; an empty page has one, with nothing in it. */
    public boolean hasBody() {
        return storageBody != null;
    }

    /** Space › ancestors › title: where the page sits, as a reader would say it. */
    public String breadcrumb() {
        StringBuilder crumb = new StringBuilder(spaceName.isBlank() ? spaceKey : spaceName);
        for (String ancestor : ancestorTitles) {
            crumb.append(crumb.isEmpty() ? "" : " › ").append(ancestor);
        }
        return crumb.append(crumb.isEmpty() ? "" : " › ").append(title).toString();
    }

    public ConfluencePage withStorageBody(String body) {
        return new ConfluencePage(id, contentType, status, spaceKey, spaceName, title, version, lastModified, url,
                ancestorTitles, body);
    }
}
