package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaCollections.QueryMatch;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Chroma finds the ids; the texts and citation fields come from the committed rows, and only from them. */
class VectorSearchTest {

    private static final Snippet CREDENTIALS = new Snippet(Snippet.idFor("101", 4, 0), "101", "OPS", "page",
            "Rotating database credentials", "https://wiki.example.com/101#rotation", "Rotation", "OPS › Runbooks", 4,
            Instant.parse("2026-10-01T00:00:00Z"), 0, "Database credentials are rotated every 90 days by the vault job.");
    private static final Snippet INGRESS = new Snippet(Snippet.idFor("202", 2, 0), "202", "ENG", "page",
            "Kubernetes ingress", "https://wiki.example.com/202", "", "ENG › Platform", 2,
            Instant.parse("2026-10-02T00:00:00Z"), 0, "The ingress controller terminates TLS for every public service.");

    private static FixtureIndex index;
    private static VectorSearch search;
    private static ReadyCollection collection;

    @BeforeAll
    static void index() {
        index = FixtureIndex.of("vector-search", List.of(CREDENTIALS, INGRESS));
        search = new VectorSearch(new ChromaCollections(WebClient.builder(), index.chromaProperties()),
                new SnippetRows(TestIndexes.database(index.database())));
        collection = TestIndexes.locator(index.database(), index.chromaUrl(), index.collectionPrefix()).current()
                .orElseThrow();
    }

    @Test
    void aHitCarriesItsCommittedRowAndItsSimilarity() {
        List<QueryMatch> nearest = search.nearest(collection, vector("How often are database passwords rotated?"),
                SpaceScope.all(), 5);

        List<ScoredSnippet> found = search.snippets(collection, nearest).block();

        assertThat(found).extracting(ScoredSnippet::snippet).containsExactly(CREDENTIALS, INGRESS);
        QueryMatch credentials = nearest.stream().filter(m -> m.id().equals(CREDENTIALS.id())).findFirst().orElseThrow();
        assertThat(found.getFirst().score()).isEqualTo(1 - credentials.distance()).isGreaterThan(found.get(1).score());
    }

    @Test
    void theScopeFiltersInsideChroma() {
        List<QueryMatch> nearest = search.nearest(collection, vector("How often are database passwords rotated?"),
                SpaceScope.only(List.of("ENG")), 5);

        assertThat(nearest).extracting(QueryMatch::id).containsExactly(INGRESS.id());
        assertThat(search.nearest(collection, vector("anything"), SpaceScope.only(List.of()), 5)).isEmpty();
    }

    @Test
    void aVectorWithoutACommittedRowIsNeverCited() {
        String uncommitted = Snippet.idFor("303", 1, 0);
        ChromaCollections chroma = new ChromaCollections(WebClient.builder(), index.chromaProperties());
        chroma.add(collection.id(), List.of(uncommitted),
                List.of(vector("How often are database passwords rotated?").vector()),
                List.of(Map.of("page_id", "303", "space_key", "OPS", "page_version", 1, "chunk_index", 0)));
        List<QueryMatch> nearest = search.nearest(collection, vector("How often are database passwords rotated?"),
                SpaceScope.all(), 5);
        assertThat(nearest.getFirst().id()).as("Chroma finds it first").isEqualTo(uncommitted);

        List<ScoredSnippet> found = search.snippets(collection, nearest).block();

        assertThat(found).extracting(s -> s.snippet().id()).containsExactly(CREDENTIALS.id(), INGRESS.id());
    }

    private static Embedding vector(String text) {
        return TestIndexes.embeddingModel().model().embed(text).content();
    }
}
