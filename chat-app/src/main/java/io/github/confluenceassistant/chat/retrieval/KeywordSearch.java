package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * PostgreSQL full-text search over the snippet texts the ingestion job keeps beside Chroma
 * ({@code assistant.ingest_snippet}, title weighted A, section B, text C). Finds what embeddings blur: names,
 * error codes, port numbers.
 *
 * <p>Any of the question's words may match (questions rarely repeat every word of the answer). Snippets are
 * ranked first by how many different question words they contain, then by ts_rank_cd: ts_rank_cd alone knows
 * nothing of how common a word is, so a page saying "review" twenty times would outrank the one row that says
 * "weekly ops review".
 */
public class KeywordSearch {

    private static final int MAX_WORDS = 24;
    private static final String SELECT = """
            select s.id, s.page_id, s.space_key, s.content_type, s.title, s.url, s.section, s.breadcrumb,
                   s.page_version, s.last_modified, s.chunk_index, s.text,
                   ts_rank_cd(s.tsv, q)::float8 as rank, %s as matched
            from assistant.ingest_snippet s, to_tsquery('english', :query) q
            where s.collection = :collection and s.tsv @@ q""";

    private final DatabaseClient database;

    public KeywordSearch(DatabaseClient database) {
        this.database = database;
    }

    /** Snippets by descending match, each scored with the share of the question's words it contains. */
    public Flux<ScoredSnippet> search(String collection, String question, SpaceScope scope, int maxResults) {
        List<String> words = QueryTerms.plainWords(question, MAX_WORDS);
        if (words.isEmpty() || scope.isEmpty()) {
            return Flux.empty();
        }
        StringBuilder matched = new StringBuilder("(");
        for (int i = 0; i < words.size(); i++) {
            matched.append(i == 0 ? "" : " + ").append("(s.tsv @@ plainto_tsquery('english', :w").append(i).append("))::int");
        }
        String sql = SELECT.formatted(matched.append(")"))
                + (scope.allSpaces() ? "" : " and s.space_key = any(:spaces)")
                + " order by matched desc, rank desc, s.id limit :limit";
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql)
                .bind("query", String.join(" | ", words))
                .bind("collection", collection)
                .bind("limit", maxResults);
        for (int i = 0; i < words.size(); i++) {
            spec = spec.bind("w" + i, words.get(i));
        }
        if (!scope.allSpaces()) {
            spec = spec.bind("spaces", scope.spaceKeys().toArray(String[]::new));
        }
        double wordCount = words.size();
        return spec.map(row -> new ScoredSnippet(toSnippet(row), row.get("matched", Integer.class) / wordCount)).all();
    }

    private static Snippet toSnippet(Readable row) {
        OffsetDateTime lastModified = row.get("last_modified", OffsetDateTime.class);
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
                lastModified == null ? Instant.EPOCH : lastModified.toInstant(),
                row.get("chunk_index", Integer.class),
                row.get("text", String.class));
    }
}
