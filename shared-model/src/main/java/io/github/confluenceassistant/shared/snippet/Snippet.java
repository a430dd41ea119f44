package io.github.confluenceassistant.shared.snippet;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import java.time.Instant;
import java.util.Objects;

/**
 * One embedded piece of a Confluence page, as stored in Chroma and in the keyword index.
 *
 * @param text the snippet's own text, shown to users and quoted to the chat model
 * @param url  link to the page, with the section anchor when the snippet starts in a section
 */
public record Snippet(
        String id,
        String pageId,
        String spaceKey,
        String contentType,
        String title,
        String url,
        String section,
        String breadcrumb,
        int pageVersion,
        Instant lastModified,
        int chunkIndex,
        String text) {

    public Snippet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(text, "text");
        spaceKey = Objects.requireNonNullElse(spaceKey, "");
        contentType = Objects.requireNonNullElse(contentType, "page");
        title = Objects.requireNonNullElse(title, "");
        url = Objects.requireNonNullElse(url, "");
        section = Objects.requireNonNullElse(section, "");
        breadcrumb = Objects.requireNonNullElse(breadcrumb, "");
        lastModified = Objects.requireNonNullElse(lastModified, Instant.EPOCH);
    }

    /** Deterministic snippet id: re-running the job for the same page version yields the same ids. */
    public static String idFor(String pageId, int pageVersion, int chunkIndex) {
        return pageId + ":" + pageVersion + ":" + chunkIndex;
    }

    /**
     * The text that is embedded: the breadcrumb and section give the model the context that the
     * snippet's own words often lack ("Rollback" means little without "Runbook: Payments API").
     */
    public String textForEmbedding() {
        StringBuilder context = new StringBuilder(breadcrumb);
        if (!section.isEmpty()) {
            context.append(" › ").append(section);
        }
        return context.isEmpty() ? text : context + "\n\n" + text;
    }

    public TextSegment toTextSegment() {
        Metadata metadata = new Metadata()
                .put(SnippetMetadata.PAGE_ID, pageId)
                .put(SnippetMetadata.SPACE_KEY, spaceKey)
                .put(SnippetMetadata.CONTENT_TYPE, contentType)
                .put(SnippetMetadata.TITLE, title)
                .put(SnippetMetadata.URL, url)
                .put(SnippetMetadata.SECTION, section)
                .put(SnippetMetadata.BREADCRUMB, breadcrumb)
                .put(SnippetMetadata.PAGE_VERSION, pageVersion)
                .put(SnippetMetadata.LAST_MODIFIED, lastModified.toEpochMilli())
                .put(SnippetMetadata.CHUNK_INDEX, chunkIndex);
        return TextSegment.from(text, metadata);
    }

    public static Snippet fromTextSegment(String id, TextSegment segment) {
        Metadata m = segment.metadata();
        Long lastModified = m.getLong(SnippetMetadata.LAST_MODIFIED);
        Integer version = m.getInteger(SnippetMetadata.PAGE_VERSION);
        Integer index = m.getInteger(SnippetMetadata.CHUNK_INDEX);
        return new Snippet(
                id,
                m.getString(SnippetMetadata.PAGE_ID),
                m.getString(SnippetMetadata.SPACE_KEY),
                m.getString(SnippetMetadata.CONTENT_TYPE),
                m.getString(SnippetMetadata.TITLE),
                m.getString(SnippetMetadata.URL),
                m.getString(SnippetMetadata.SECTION),
                m.getString(SnippetMetadata.BREADCRUMB),
                version == null ? 0 : version,
                lastModified == null ? Instant.EPOCH : Instant.ofEpochMilli(lastModified),
                index == null ? 0 : index,
                segment.text());
    }
}
