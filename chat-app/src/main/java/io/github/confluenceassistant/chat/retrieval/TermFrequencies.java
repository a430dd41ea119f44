package io.github.confluenceassistant.chat.retrieval;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * How many snippets each question word occurs in, estimated from PostgreSQL's own statistics of the keyword
 * index: {@code ANALYZE} keeps the most common lexemes of a {@code tsvector} column with their frequencies
 * ({@code pg_stats.most_common_elems}), and {@code pg_class.reltuples} the row count. No table of ours, nothing
 * to keep in step: the ingestion job analyzes the table after each run and autovacuum does in between.
 *
 * <p>A word PostgreSQL's English configuration drops (a stop word of its own) has no lexeme and never matches;
 * a word missing from the statistics is rarer than every word listed, so its estimate is 0.
 */
class TermFrequencies {

    private static final String ESTIMATE = """
            select w.word, l.lexeme, coalesce(s.freq, 0) * greatest(t.reltuples, 0) as snippets,
                   greatest(t.reltuples, 0)::float8 as indexed
            from unnest(cast(:words as text[])) with ordinality as w(word, ord)
            cross join lateral (select (tsvector_to_array(to_tsvector('english', w.word)))[1] as lexeme) l
            left join (select x.elem, x.freq
                       from pg_stats st,
                            unnest(cast(cast(st.most_common_elems as text) as text[]), st.most_common_elem_freqs)
                                as x(elem, freq)
                       where st.schemaname = 'assistant' and st.tablename = 'ingest_snippet' and st.attname = 'tsv'
                         and x.elem is not null) s on s.elem = l.lexeme
            cross join (select reltuples from pg_class where oid = 'assistant.ingest_snippet'::regclass) t
            order by w.ord""";

    /** One question word: its lexeme (null when PostgreSQL drops it) and the estimated snippets containing it. */
    record Term(String word, String lexeme, double snippets) {

        boolean matchesAnything() {
            return lexeme != null;
        }
    }

    /** The question's words in order, and the snippets in the keyword index (PostgreSQL's estimate). */
    record Estimates(List<Term> terms, double indexedSnippets) {
    }

    private final DatabaseClient database;

    TermFrequencies(DatabaseClient database) {
        this.database = database;
    }

    Mono<Estimates> estimate(List<String> words) {
        return database.sql(ESTIMATE)
                .bind("words", words.toArray(String[]::new))
                .map(row -> new Row(new Term(row.get("word", String.class), row.get("lexeme", String.class),
                        row.get("snippets", Double.class)), row.get("indexed", Double.class)))
                .all()
                .collectList()
                .map(rows -> new Estimates(rows.stream().map(Row::term).toList(),
                        rows.isEmpty() ? 0 : rows.getFirst().indexed()));
    }

    private record Row(Term term, double indexed) {
    }
}
