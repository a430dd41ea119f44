package io.github.confluenceassistant.shared.snippet;

/**
 * The metadata keys every snippet carries in Chroma. The batch job writes them, the chat app reads them:
 * renaming one is a breaking change of the index.
 */
public final class SnippetMetadata {

    public static final String PAGE_ID = "page_id";
    public static final String SPACE_KEY = "space_key";
    public static final String TITLE = "title";
    public static final String URL = "url";
    /** Heading path inside the page, e.g. "Rollback › Database", empty for text before the first heading. */
    public static final String SECTION = "section";
    /** Space › ancestors › page, the context a reader needs to place the snippet. */
    public static final String BREADCRUMB = "breadcrumb";
    public static final String PAGE_VERSION = "page_version";
    /** Epoch milliseconds of the page version's last modification. */
    public static final String LAST_MODIFIED = "last_modified";
    public static final String CHUNK_INDEX = "chunk_index";
    /** "page" or "blogpost". */
    public static final String CONTENT_TYPE = "content_type";

    private SnippetMetadata() {
    }
}
