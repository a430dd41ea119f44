package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyword search on an index where some words are in most snippets: a common word ranks candidates but does not
 * make one, unless every word of the question is common. Frequencies come from PostgreSQL's own statistics.
 */
class KeywordSearchCommonTermsTest {

    private static final String COLLECTION = "keyword-common-terms";
    private static final Map<String, String> LOW_THRESHOLD = Map.of(
            "assistant.retrieval.keyword-common-term-min-snippets", "100");
    private static DatabaseClient database;

    @BeforeAll
    static void indexWithCommonWords() {
        String name = TestIndexes.ingestionDatabase("keyword_common");
        DataSource dataSource = TestInfrastructure.shared().postgres().dataSource(name);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        insert(jdbc, 0, 1000, "How we deploy the payments service");
        insert(jdbc, 1000, 200, "The deploy pipeline runs on every merge");
        insert(jdbc, 1200, 3, "The zebra service can deploy itself on Fridays");
        jdbc.execute("analyze assistant.ingest_snippet");
        database = TestIndexes.database(name);
    }

    @Test
    void aRareWordAloneSelectsTheCandidates() {
        KeywordSearch search = search(LOW_THRESHOLD);

        assertThat(candidates(search, "deploy service zebra")).isEqualTo("zebra");
        List<ScoredSnippet> found = search.search(COLLECTION, "How do I deploy the zebra service?", SpaceScope.all(), 30)
                .collectList().block();
        assertThat(found).hasSize(3).allSatisfy(s -> {
            assertThat(s.snippet().text()).contains("zebra");
            assertThat(s.score()).isEqualTo(1.0); // all three question words, common ones included
        });
    }

    @Test
    void whenEveryWordIsCommonASnippetNeedsAllOfThem() {
        KeywordSearch search = search(LOW_THRESHOLD);

        assertThat(candidates(search, "deploy pipeline")).isEqualTo("deploy & pipeline");
        List<ScoredSnippet> found = search.search(COLLECTION, "deploy pipeline", SpaceScope.all(), 500)
                .collectList().block();
        assertThat(found).hasSize(200).allSatisfy(s -> assertThat(s.snippet().text()).contains("pipeline"));
    }

    @Test
    void onASmallIndexNoWordIsCommon() {
        KeywordSearch search = search(Map.of("assistant.retrieval.keyword-common-term-min-snippets", "5000"));

        assertThat(candidates(search, "deploy service zebra")).isEqualTo("deploy | service | zebra");
        assertThat(search.search(COLLECTION, "deploy service zebra", SpaceScope.all(), 30).collectList().block())
                .hasSize(30).first().satisfies(s -> assertThat(s.snippet().text()).contains("zebra"));
    }

    @Test
    void wordsPostgresDropsAreLeftOutOfTheCandidates() {
        KeywordSearch search = search(LOW_THRESHOLD);

        // "against" is no stop word of ours but one of PostgreSQL's English configuration
        assertThat(QueryTerms.plainWords("zebra against", 24)).containsExactly("zebra", "against");
        assertThat(candidates(search, "zebra against")).isEqualTo("zebra");
    }

    private static KeywordSearch search(Map<String, String> overrides) {
        return new KeywordSearch(database, TestIndexes.bind("assistant.retrieval", RetrievalProperties.class, overrides));
    }

    private static String candidates(KeywordSearch search, String question) {
        TermFrequencies.Estimates estimates = new TermFrequencies(database)
                .estimate(QueryTerms.plainWords(question, 24)).block();
        return search.candidates(estimates.terms().stream().filter(TermFrequencies.Term::matchesAnything).toList(),
                estimates.indexedSnippets());
    }

    private static void insert(JdbcTemplate jdbc, int from, int count, String text) {
        jdbc.update("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url,
                    section, breadcrumb, page_version, last_modified, chunk_index, text)
                select ?, 'p' || n || ':1:0', 'p' || n, 'ENG', 'page', 'Page ' || n, 'https://wiki/p' || n, '', 'ENG',
                       1, now(), 0, ?
                from generate_series(?, ?) n""", COLLECTION, text, from, from + count - 1);
    }
}
