package io.github.confluenceassistant.batch.confluence;

import java.util.Set;

/**
 * What the Airbyte tables we read look like: which connector generation wrote the records and whether we
 * read typed final tables or the raw tables' {@code _airbyte_data}.
 *
 * @param pagesTable     qualified, quoted table name
 * @param blogPostsTable qualified table name, or null when the stream is not synced
 * @param spaceTable     qualified table name, or null when the stream is not synced
 * @param pagesColumns   the columns of the pages table (final tables only; empty for raw)
 * @param blogPostsColumns the columns of the blog posts table (final tables only; empty for raw)
 * @param blogPostsSource  where blog posts are read: as {@code source}, except that connector 0.x declares no body
 *                         for blog posts, so with destination 2.x they are read from the raw table, which has it
 */
public record AirbyteLayout(
        Connector connector,
        Source source,
        String schema,
        String pagesTable,
        String blogPostsTable,
        String spaceTable,
        Set<String> pagesColumns,
        Set<String> blogPostsColumns,
        Source blogPostsSource) {

    public enum Connector {
        /** source-confluence 1.x: Confluence REST v2 records ("spaceId", "parentId", no space/ancestors). */
        V1X("source-confluence 1.x columns"),
        /** source-confluence 0.2.x-0.3.x: REST v1 records (type, history, _expandable.space). */
        V0X("source-confluence 0.x columns");

        final String description;

        Connector(String description) {
            this.description = description;
        }
    }

    public enum Source {
        FINAL("destination final tables"),
        RAW("destination raw tables (_airbyte_data)");

        final String description;

        Source(String description) {
            this.description = description;
        }
    }

    /** The one line logged at start-up, e.g. "source-confluence 1.x columns, destination final tables in schema confluence". */
    public String describe() {
        return connector.description + ", " + source.description + " in schema " + schema
                + (blogPostsTable == null ? " (no blog_posts table)"
                    : blogPostsSource != source ? " (blog posts from " + blogPostsTable + ": its final table has no body)" : "")
                + (spaceTable == null ? " (no space table: space ids stand in for keys)" : "");
    }
}
