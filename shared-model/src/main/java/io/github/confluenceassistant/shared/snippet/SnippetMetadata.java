package io.github.confluenceassistant.shared.snippet;

import java.util.Map;

/**
 * The metadata each snippet's vector carries in Chroma: what the stores filter by (the spaces in scope, the page
 * to replace) and what places the record (version and position in its page). Renaming a key is a breaking change
 * of the index.
 *
 * <p>Chroma holds no texts: the snippet's text and its citation fields (title, link, section, breadcrumb) are
 * kept once, in {@code assistant.ingest_snippet}, which both searches read. Chroma's full-text index over stored
 * documents and its index of every metadata string took two thirds of its insert CPU and half of its query CPU,
 * and would only have duplicated PostgreSQL's (see docs/architecture.md).
 */
public final class SnippetMetadata {

    public static final String PAGE_ID = "page_id";
    public static final String SPACE_KEY = "space_key";
    public static final String PAGE_VERSION = "page_version";
    public static final String CHUNK_INDEX = "chunk_index";

    private SnippetMetadata() {
    }

    /** The record's metadata in Chroma. */
    public static Map<String, Object> of(Snippet snippet) {
        return Map.of(PAGE_ID, snippet.pageId(), SPACE_KEY, snippet.spaceKey(), PAGE_VERSION, snippet.pageVersion(),
                CHUNK_INDEX, snippet.chunkIndex());
    }
}
