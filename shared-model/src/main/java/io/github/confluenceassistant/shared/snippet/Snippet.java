package io.github.confluenceassistant.shared.snippet;

import java.time.Instant;
import java.util.Objects;

/**
 * One embedded piece of a Confluence page, as kept in {@code assistant.ingest_snippet}; Chroma holds its vector
 * under the same id, with {@link SnippetMetadata}.
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
}
