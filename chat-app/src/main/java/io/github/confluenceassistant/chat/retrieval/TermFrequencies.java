package io.github.confluenceassistant.chat.retrieval;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many snippets each question word occurs in, estimated from PostgreSQL's own statistics of the keyword
 * index: {@code ANALYZE} keeps the most common lexemes of a {@code tsvector} column with their frequencies
 * ({@code pg_stats.most_common_elems}), and {@code pg_class.reltuples} the row count. No table of ours, nothing
 * to keep in step: the ingestion job analyzes the table after each run and autovacuum does in between.
 *
 * <p>A word PostgreSQL's English configuration drops (a stop word of its own) has no lexeme and never matches;
 * a word missing from the statistics is rarer than every word listed, so its estimate is 0.
 *
 * <p>Neither needs a database round trip per question: the statistics (at most a few thousand lexemes) are read
 * once and again when older than {@link #STATISTICS_MAX_AGE}, and each word's lexeme (PostgreSQL's stemmer, which
 * never changes its mind) is remembered for the {@value #MAX_REMEMBERED_WORDS} most recently asked words. Under
 * load this took two queries per question (one decoding {@code pg_stats}) down to one.
 */
class TermFrequencies {

    /** How long statistics are used before they are read again: the job analyzes once per run. */
    static final Duration STATISTICS_MAX_AGE = Duration.ofMinutes(1);
    static final int MAX_REMEMBERED_WORDS = 50_000;
    /** A remembered word PostgreSQL drops. */
    private static final String NO_LEXEME = "";

    private static final String STATISTICS = """
            select s.elem, coalesce(s.freq, 0) * greatest(t.reltuples, 0) as snippets,
                   greatest(t.reltuples, 0)::float8 as indexed
            from (select reltuples from pg_class where oid = 'assistant.ingest_snippet'::regclass) t
            left join (select x.elem, x.freq
                       from pg_stats st,
                            unnest(cast(cast(st.most_common_elems as text) as text[]), st.most_common_elem_freqs)
                                as x(elem, freq)
                       where st.schemaname = 'assistant' and st.tablename = 'ingest_snippet' and st.attname = 'tsv'
                         and x.elem is not null) s on true""";
    private static final String LEXEMES = """
            select w.word, (tsvector_to_array(to_tsvector('english', w.word)))[1] as lexeme
            from unnest(cast(:words as text[])) as w(word)""";

    /** One question word: its lexeme (null when PostgreSQL drops it) and the estimated snippets containing it. */
    record Term(String word, String lexeme, double snippets) {

        boolean matchesAnything() {
            return lexeme != null;
        }
    }

    /** The question's words in order, and the snippets in the keyword index (PostgreSQL's estimate). */
    record Estimates(List<Term> terms, double indexedSnippets) {
    }

    /** The most common lexemes with their estimated snippet counts, and when they were read. */
    private record Statistics(Map<String, Double> snippetsByLexeme, double indexedSnippets, Instant readAt) {
    }

    private final DatabaseClient database;
    private final Clock clock;
    private final RecentlyUsed<String, String> lexemes;
    private volatile Statistics statistics;

    TermFrequencies(DatabaseClient database) {
        this(database, Clock.systemUTC());
    }

    TermFrequencies(DatabaseClient database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.lexemes = new RecentlyUsed<>(MAX_REMEMBERED_WORDS);
    }

    Mono<Estimates> estimate(List<String> words) {
        return Mono.zip(lexemesOf(words), statistics()).map(found -> {
            Map<String, String> lexemeOf = found.getT1();
            Statistics stats = found.getT2();
            List<Term> terms = new ArrayList<>(words.size());
            for (String word : words) {
                String lexeme = lexemeOf.get(word);
                double snippets = lexeme == null ? 0 : stats.snippetsByLexeme().getOrDefault(lexeme, 0.0);
                terms.add(new Term(word, lexeme, snippets));
            }
            return new Estimates(terms, stats.indexedSnippets());
        });
    }

    /** word → lexeme (absent when PostgreSQL drops the word); asks PostgreSQL only for words not seen before. */
    private Mono<Map<String, String>> lexemesOf(List<String> words) {
        Map<String, String> known = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String word : words) {
            String lexeme = lexemes.get(word);
            if (lexeme == null) {
                unknown.add(word);
            } else if (!lexeme.equals(NO_LEXEME)) {
                known.put(word, lexeme);
            }
        }
        if (unknown.isEmpty()) {
            return Mono.just(known);
        }
        return database.sql(LEXEMES)
                .bind("words", unknown.toArray(String[]::new))
                .map(row -> new String[] {row.get("word", String.class), row.get("lexeme", String.class)})
                .all()
                .collectList()
                .map(rows -> {
                    for (String[] row : rows) {
                        lexemes.put(row[0], row[1] == null ? NO_LEXEME : row[1]);
                        if (row[1] != null) {
                            known.put(row[0], row[1]);
                        }
                    }
                    return known;
                });
    }

    /** The statistics read last, or freshly read when older than the maximum age (two first askers may both read). */
    private Mono<Statistics> statistics() {
        Statistics current = statistics;
        if (current != null && current.readAt().plus(STATISTICS_MAX_AGE).isAfter(clock.instant())) {
            return Mono.just(current);
        }
        return database.sql(STATISTICS)
                .map(row -> new StatisticsRow(row.get("elem", String.class), row.get("snippets", Double.class),
                        row.get("indexed", Double.class)))
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, Double> byLexeme = new HashMap<>(rows.size() * 2);
                    rows.stream().filter(r -> r.lexeme() != null).forEach(r -> byLexeme.put(r.lexeme(), r.snippets()));
                    Statistics read = new Statistics(Map.copyOf(byLexeme),
                            rows.isEmpty() ? 0 : rows.getFirst().indexed(), clock.instant());
                    statistics = read;
                    return read;
                });
    }

    private record StatisticsRow(String lexeme, double snippets, double indexed) {
    }
}
