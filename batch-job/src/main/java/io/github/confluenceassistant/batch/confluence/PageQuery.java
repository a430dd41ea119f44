package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.confluence.AirbyteLayout.Connector;
import io.github.confluenceassistant.batch.confluence.AirbyteLayout.Source;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that turns Airbyte's tables, whatever their layout, into one row per current page:
 * one row per id (highest version, then latest extraction), only rows of the newest sync (so that in append mode
 * a page missing from the newest sync counts as deleted), space key and name from the space stream, and the
 * ancestor titles by walking {@code "parentId"} where the connector provides it.
 *
 * <p>Columns of {@link #pagesSql}: id, content_type, status, space_key, space_name, title, version, last_modified,
 * webui, body, ancestor_titles, stored_version, stored_hash.
 */
public class PageQuery {

    private final AirbyteLayout layout;

    public PageQuery(AirbyteLayout layout) {
        this.layout = layout;
    }

    /**
     * Current pages with id greater than the second parameter, in id order. Parameters: collection (for the stored
     * state), last id read, then those of {@link #selectionParameters}.
     */
    public String pagesSql(PageSelection selection) {
        return commonTableExpressions() + """
                select l.id, l.content_type, l.status, l.space_key, l.space_name, l.title, l.version, l.last_modified,
                       l.webui, l.body, coalesce(p.titles, '{}') as ancestor_titles,
                       st.version as stored_version, st.content_hash as stored_hash
                from current_pages l
                left join paths p on p.page_id = l.id
                left join assistant.ingest_page_state st on st.collection = ? and st.page_id = l.id
                where l.id collate "C" > ?
                """ + selectionFilter(selection) + """
                order by l.id collate "C"
                """;
    }

    /** The ids and space keys of the selected current pages, for the prune step; see {@link #selectionParameters}. */
    public String currentIdsSql(PageSelection selection) {
        return commonTableExpressions() + "select l.id, l.space_key from current_pages l where true " + selectionFilter(selection);
    }

    /** How many current pages the selection holds; parameters as in {@link #selectionParameters}. */
    public String countSql(PageSelection selection) {
        return commonTableExpressions() + "select count(*) from current_pages l where true " + selectionFilter(selection);
    }

    /** Current pages per space key: for sharding and for planning partitions. */
    public String pagesPerSpaceSql() {
        return commonTableExpressions() + "select l.space_key, count(*) from current_pages l group by l.space_key";
    }

    /**
     * The values of the selection's placeholders, in order: the space keys as a text array, then the number of
     * slices and the slice. A page's slice is a hash of its id (the first 32 bits of its MD5), the same in every
     * PostgreSQL, so a restarted partition reads exactly the pages it read before.
     */
    public static List<Object> selectionParameters(PageSelection selection) {
        List<Object> parameters = new ArrayList<>();
        selection.spaceKeys().ifPresent(keys -> parameters.add(keys.toArray(String[]::new)));
        if (selection.sliced()) {
            parameters.add(selection.slices());
            parameters.add(selection.slice());
        }
        return parameters;
    }

    private static String selectionFilter(PageSelection selection) {
        String filter = selection.spaceKeys().isPresent() ? " and l.space_key = any(?)\n" : "";
        if (selection.sliced()) {
            filter += " and mod(abs(('x' || substr(md5(l.id), 1, 8))::bit(32)::int::bigint), ?) = ?\n";
        }
        return filter;
    }

    private String commonTableExpressions() {
        List<String> streams = new ArrayList<>();
        streams.add(streamSelect(layout.pagesTable(), "page", true, layout.pagesColumns(), layout.source()));
        if (layout.blogPostsTable() != null) {
            streams.add(streamSelect(layout.blogPostsTable(), "blogpost", false, layout.blogPostsColumns(),
                    layout.blogPostsSource()));
        }
        return "with recursive src as (\n" + String.join("\nunion all\n", streams) + "\n),\n" + """
                newest as (
                    select content_type, max(sync_id) as sync_id from src group by content_type
                ),
                latest as (
                    select distinct on (s.id) s.*
                    from src s join newest n on n.content_type = s.content_type
                    where s.sync_id is not distinct from n.sync_id
                    order by s.id, s.version desc nulls last, s.extracted_at desc
                ),
                """ + spacesCte() + """
                current_pages as (
                    select l.*, coalesce(sp.key, l.space_ref) as space_key,
                           coalesce(sp.name, sp.key, l.space_ref) as space_name
                    from latest l left join spaces sp on sp.ref = l.space_ref
                    where l.status = 'current'
                ),
                chain(page_id, ancestor_id, depth) as (
                    select id, parent_id, 1 from latest where parent_id is not null
                    union all
                    select c.page_id, a.parent_id, c.depth + 1
                    from chain c join latest a on a.id = c.ancestor_id
                    where a.parent_id is not null and c.depth < 64
                ),
                paths as (
                    select c.page_id, array_agg(a.title order by c.depth desc) as titles
                    from chain c join latest a on a.id = c.ancestor_id
                    group by c.page_id
                )
                """;
    }

    private String streamSelect(String table, String contentType, boolean isPages, java.util.Set<String> columns,
                                Source source) {
        boolean v1 = layout.connector() == Connector.V1X;
        String spaceRef = v1 ? text("spaceId", source)
                : "regexp_replace(" + json("_expandable", "space", source) + ", '^.*/', '')";
        String parent = v1 && isPages ? text("parentId", source) : "null::text";
        String modified = v1 ? json("version", "createdAt", source) : json("version", "when", source);
        boolean hasBody = source == Source.RAW || columns.contains("body");
        String body = hasBody ? jsonPath("body", "storage", "value", source) : "null::text";
        return """
                select %s as id, '%s'::text as content_type, %s as status, %s as space_ref, %s as parent_id,
                       %s as title, (%s)::integer as version, (%s)::timestamptz as last_modified,
                       %s as webui, %s as body, t._airbyte_extracted_at as extracted_at,
                       (t._airbyte_meta->>'sync_id')::bigint as sync_id
                from %s t""".formatted(text("id", source), contentType, text("status", source), spaceRef, parent,
                text("title", source), json("version", "number", source), modified, json("_links", "webui", source),
                body, table);
    }

    private String spacesCte() {
        if (layout.spaceTable() == null) {
            return "spaces(ref, key, name) as (select null::text, null::text, null::text where false),\n";
        }
        Source source = layout.source();
        String ref = layout.connector() == Connector.V1X ? text("id", source) : text("key", source);
        return """
                spaces as (
                    select distinct on (ref) ref, key, name from (
                        select %s as ref, %s as key, %s as name, t._airbyte_extracted_at as extracted_at from %s t
                    ) s order by ref, extracted_at desc
                ),
                """.formatted(ref, text("key", source), text("name", source), layout.spaceTable());
    }

    /** A top-level field as text. */
    private static String text(String field, Source source) {
        return source == Source.FINAL ? "t.\"" + field + "\"::text" : "t._airbyte_data->>'" + field + "'";
    }

    /** A field of a top-level object, as text. */
    private static String json(String object, String field, Source source) {
        return objectColumn(object, source) + "->>'" + field + "'";
    }

    private static String jsonPath(String object, String field, String leaf, Source source) {
        return objectColumn(object, source) + "->'" + field + "'->>'" + leaf + "'";
    }

    private static String objectColumn(String object, Source source) {
        return source == Source.FINAL ? "t.\"" + object + "\"" : "t._airbyte_data->'" + object + "'";
    }
}
