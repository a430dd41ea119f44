package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The snippets as the ingestion job committed them ({@code assistant.ingest_snippet}): the one copy of their
 * texts and citation fields, which both searches read. Chroma only finds ids.
 */
public class SnippetRows {

    /** The columns {@link #toSnippet} reads, by the names it reads them. */
    private static final List<String> NAMES = List.of("id", "page_id", "space_key", "content_type", "title", "url",
            "section", "breadcrumb", "page_version", "last_modified_ms", "chunk_index", "text");

    /**
     * The columns {@link #toSnippet} reads, for a query on {@code assistant.ingest_snippet s}. The modification
     * time comes as epoch milliseconds: R2DBC parses a {@code timestamptz} from text, which took a fifth of the
     * rows' decoding.
     */
    static final String COLUMNS = String.join(", ", NAMES.stream()
            .map(name -> name.equals("last_modified_ms")
                    ? "(extract(epoch from s.last_modified) * 1000)::int8 as last_modified_ms" : "s." + name)
            .toList());

    private final DatabaseClient database;

    public SnippetRows(DatabaseClient database) {
        this.database = database;
    }

    /**
     * The committed snippets among these ids, by id. An id without a row is not in the map: its page's chunk
     * has not committed yet (or never will, if the job was killed; the next run's prune step removes it from
     * Chroma), or its page was replaced or removed since Chroma was searched.
     */
    public Mono<Map<String, Snippet>> byIds(String collection, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql("select " + COLUMNS + " from assistant.ingest_snippet s where s.collection = :collection"
                        + " and s.id = any(:ids)")
                .bind("collection", collection)
                .bind("ids", ids.toArray(String[]::new))
                .map(SnippetRows::toSnippet)
                .all()
                .collectMap(Snippet::id);
    }

    /** The columns {@link #toSnippet} reads, from a subquery {@code alias} that selected {@link #COLUMNS}. */
    static String columnsOf(String alias) {
        return String.join(", ", NAMES.stream().map(name -> alias + "." + name).toList());
    }

    static Snippet toSnippet(Readable row) {
        Long lastModified = row.get("last_modified_ms", Long.class);
        return new Snippet(
                row.get("id", String.class),
                row.get("page_id", String.class),
                row.get("space_key", String.class),
                row.get("content_type", String.class),
                row.get("title", String.class),
                row.get("url", String.class),
                row.get("section", String.class),
                row.get("breadcrumb", String.class),
                row.get("page_version", Integer.class),
                lastModified == null ? Instant.EPOCH : Instant.ofEpochMilli(lastModified),
                row.get("chunk_index", Integer.class),
                row.get("text", String.class));
    }
}
