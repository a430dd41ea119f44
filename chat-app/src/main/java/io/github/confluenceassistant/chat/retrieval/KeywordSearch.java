package io.github.confluenceassistant.chat.retrieval;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

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
 *
 * <p><b>Common words</b> (the rule of Lucene's common-terms query): a word found in more snippets than
 * {@code max(commonTermMinSnippets, commonTermShare × indexed snippets)} does not make a snippet a candidate on
 * its own, it only counts towards the ranking. Candidates are the snippets with any of the rarer words, or, when
 * every word is common, the snippets with all of them. On a large index this keeps the ranked set small (every
 * candidate is counted and ranked, and "service" alone would match half of it) without losing what the rare
 * words find; on a small index no word reaches the minimum and every word may match, as before.
 * Frequencies come from PostgreSQL's statistics ({@link TermFrequencies}).
 */
public class KeywordSearch {

    private static final int MAX_WORDS = 24;
    /**
     * Two stages: every candidate is counted and ranked by ts_rank, then the best {@code :pool} are ranked again
     * by ts_rank_cd. On our OR queries ts_rank_cd counts every occurrence of a word, where ts_rank lets repeats add
     * ever less; it ranks better (mtrag-cloud keyword MRR@10 0.791 against 0.770), but on every candidate of a
     * 16-word question it took three quarters of the query's time.
     */
    private static final String RERANKED = """
            select %1$s,
                   ts_rank_cd(pool.tsv, q)::float8 as rank, pool.matched
            from (select %2$s, s.tsv, %3$s as matched
                  from assistant.ingest_snippet s, to_tsquery('english', :query) q%4$s
                  where s.collection = :collection and s.tsv @@ to_tsquery('english', :candidates)%5$s
                  order by matched desc, ts_rank(s.tsv, q) desc, s.id
                  limit :pool) pool,
                 to_tsquery('english', :query) q
            order by pool.matched desc, rank desc, pool.id limit :limit""";
    private static final String POOL_COLUMNS = SnippetRows.columnsOf("pool");
    /** One stage, ts_rank only ({@code keyword-rerank-pool=0}). */
    private static final String RANKED = """
            select %2$s,
                   ts_rank(s.tsv, q)::float8 as rank, %3$s as matched
            from assistant.ingest_snippet s, to_tsquery('english', :query) q%4$s
            where s.collection = :collection and s.tsv @@ to_tsquery('english', :candidates)%5$s
            order by matched desc, rank desc, s.id limit :limit""";

    private final DatabaseClient database;
    private final TermFrequencies frequencies;
    private final double commonTermShare;
    private final double commonTermMinSnippets;
    private final int rerankPool;

    /** With the common-word thresholds of {@code assistant.retrieval.keyword-common-term-*}. */
    public KeywordSearch(DatabaseClient database, RetrievalProperties properties) {
        this.database = database;
        this.frequencies = new TermFrequencies(database);
        this.commonTermShare = properties.keywordCommonTermShare();
        this.commonTermMinSnippets = properties.keywordCommonTermMinSnippets();
        this.rerankPool = properties.keywordRerankPool();
    }

    /** Snippets by descending match, each scored with the share of the question's words it contains. */
    public Flux<ScoredSnippet> search(String collection, String question, SpaceScope scope, int maxResults) {
        List<String> words = QueryTerms.plainWords(question, MAX_WORDS);
        if (words.isEmpty() || scope.isEmpty()) {
            return Flux.empty();
        }
        return frequencies.estimate(words).flatMapMany(estimates -> {
            List<TermFrequencies.Term> matching = estimates.terms().stream()
                    .filter(TermFrequencies.Term::matchesAnything).toList();
            if (matching.isEmpty()) {
                return Flux.empty();
            }
            return search(collection, words, candidates(matching, estimates.indexedSnippets()), scope, maxResults);
        });
    }

    /** The tsquery text that selects candidates: any rare word, or all words when none is rare. */
    String candidates(List<TermFrequencies.Term> matching, double indexedSnippets) {
        double cutoff = Math.max(commonTermMinSnippets, commonTermShare * indexedSnippets);
        List<String> rare = matching.stream().filter(t -> t.snippets() <= cutoff).map(TermFrequencies.Term::word).toList();
        return rare.isEmpty()
                ? String.join(" & ", matching.stream().map(TermFrequencies.Term::word).toList())
                : String.join(" | ", rare);
    }

    private Flux<ScoredSnippet> search(String collection, List<String> words, String candidates, SpaceScope scope,
                                       int maxResults) {
        // each word's tsquery is built once in the FROM list, not once per candidate row
        StringBuilder matched = new StringBuilder("(");
        StringBuilder wordQueries = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            matched.append(i == 0 ? "" : " + ").append("(s.tsv @@ q").append(i).append(")::int");
            wordQueries.append(", plainto_tsquery('english', :w").append(i).append(") q").append(i);
        }
        String sql = (rerankPool > 0 ? RERANKED : RANKED).formatted(POOL_COLUMNS,
                SnippetRows.COLUMNS, matched.append(")"), wordQueries,
                scope.allSpaces() ? "" : " and s.space_key = any(:spaces)");
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql)
                .bind("query", String.join(" | ", words))
                .bind("candidates", candidates)
                .bind("collection", collection)
                .bind("limit", maxResults);
        if (rerankPool > 0) {
            spec = spec.bind("pool", maxResults * rerankPool);
        }
        for (int i = 0; i < words.size(); i++) {
            spec = spec.bind("w" + i, words.get(i));
        }
        if (!scope.allSpaces()) {
            spec = spec.bind("spaces", scope.spaceKeys().toArray(String[]::new));
        }
        double wordCount = words.size();
        return spec.map(row -> new ScoredSnippet(SnippetRows.toSnippet(row), row.get("matched", Integer.class) / wordCount))
                .all();
    }
}
