package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order among snippets with the same number of question words: ts_rank picks the pool and ts_rank_cd orders
 * it. The two weigh repeated words differently: ts_rank_cd counts every occurrence (each is a cover of an OR
 * query), ts_rank takes a word's best weight and lets repeats add ever less. So a snippet that says the words
 * six times in its text comes before one that has them once in its title only when the pool is re-ranked.
 */
class KeywordSearchRankingTest {

    private static final String COLLECTION = "keyword-ranking";
    private static final String FILLER = " and then some words about other things entirely".repeat(4);
    private static DatabaseClient database;

    @BeforeAll
    static void snippetsWithTheSameWords() {
        String name = TestIndexes.ingestionDatabase("keyword_ranking");
        JdbcTemplate jdbc = new JdbcTemplate(TestInfrastructure.shared().postgres().dataSource(name));
        insert(jdbc, "a-in-title", "Zebra ledger", "Notes" + FILLER + ".");
        insert(jdbc, "b-repeated", "Notes", "zebra ledger ".repeat(6) + FILLER + ".");
        insert(jdbc, "c-one-word", "Notes", "The zebra" + FILLER + FILLER + ".");
        database = TestIndexes.database(name);
    }

    @Test
    void tsRankCdOrdersThePool() {
        assertThat(ids(search(Map.of()))).containsExactly("b-repeated", "a-in-title", "c-one-word");
    }

    @Test
    void withoutThePoolTsRankAloneOrders() {
        assertThat(ids(search(Map.of("assistant.retrieval.keyword-rerank-pool", "0"))))
                .containsExactly("a-in-title", "b-repeated", "c-one-word");
    }

    @Test
    void aPoolNoLargerThanTheResultIsStillReordered() {
        List<ScoredSnippet> found = search(Map.of("assistant.retrieval.keyword-rerank-pool", "1"))
                .search(COLLECTION, "zebra ledger", SpaceScope.all(), 2).collectList().block();

        assertThat(found).extracting(s -> s.snippet().id()).containsExactly("b-repeated", "a-in-title");
        assertThat(found).allSatisfy(s -> assertThat(s.score()).isEqualTo(1.0));
    }

    private static List<String> ids(KeywordSearch search) {
        return search.search(COLLECTION, "zebra ledger", SpaceScope.all(), 30).collectList().block().stream()
                .map(s -> s.snippet().id()).toList();
    }

    private static KeywordSearch search(Map<String, String> overrides) {
        return new KeywordSearch(database, TestIndexes.bind("assistant.retrieval", RetrievalProperties.class, overrides));
    }

    private static void insert(JdbcTemplate jdbc, String id, String title, String text) {
        jdbc.update("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url,
                    section, breadcrumb, page_version, last_modified, chunk_index, text)
                values (?, ?, ?, 'ENG', 'page', ?, 'https://wiki/' || ?, '', 'ENG', 1, now(), 0, ?)""",
                COLLECTION, id, id, title, id, text);
    }
}
