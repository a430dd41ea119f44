package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code index} health contributor on real PostgreSQL and Chroma: READY, building, never built, lost. */
class IndexHealthIndicatorTest {

    private static final String MODEL = TestIndexes.embeddingModel().identity().id();

    @Test
    void aReadyCollectionIsUpWithItsNameModelAndSnippets() {
        FixtureIndex index = FixtureIndex.of("health_ready",
                List.of(snippet("1", "Setup", 0, "Install the CLI."), snippet("1", "Setup", 1, "Then log in."),
                        snippet("2", "", 0, "Deploys run nightly.")));

        Health health = indicator(index).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("collection", index.collection())
                .containsEntry("model", MODEL)
                .containsEntry("status", "READY")
                .containsEntry("snippets", 3L)
                .containsKey("readyAt")
                .doesNotContainKey("reason");
    }

    @Test
    void aDatabaseTheJobNeverRanAgainstIsDownSayingHowToBuildTheIndex() {
        FixtureIndex never = FixtureIndex.emptyDatabase("health_never");

        Health health = indicator(never).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("collection", expectedName(never))
                .containsEntry("model", MODEL)
                .containsEntry("status", "NONE")
                .containsEntry("snippets", 0L);
        assertThat((String) health.getDetails().get("reason")).contains("No ingestion run").contains("dashboard");
    }

    @Test
    void aCollectionStillBuildingIsDownUntilItsFirstRunCompletes() {
        FixtureIndex building = FixtureIndex.emptyDatabase("health_building");
        building.migrate();
        EmbeddingModelIdentity model = TestIndexes.embeddingModel().identity();
        String name = expectedName(building);
        building.register(name, model, "BUILDING");
        IndexHealthIndicator indicator = indicator(building);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails()).containsEntry("status", "BUILDING");
        assertThat((String) indicator.health().getDetails().get("reason")).contains("has not completed");

        building.createChromaCollection(name, model);
        building.markReady(name);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("status", "READY");
    }

    @Test
    void aReadyCollectionMissingInChromaIsDown() {
        FixtureIndex lost = FixtureIndex.emptyDatabase("health_lost");
        lost.migrate();
        lost.register(expectedName(lost), TestIndexes.embeddingModel().identity(), "READY");

        Health health = indicator(lost).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", "READY");
        assertThat((String) health.getDetails().get("reason")).contains("missing in Chroma");
    }

    private static String expectedName(FixtureIndex index) {
        return CollectionNames.forModel(index.collectionPrefix(), TestIndexes.embeddingModel().identity());
    }

    private static IndexHealthIndicator indicator(FixtureIndex index) {
        return new IndexHealthIndicator(TestIndexes.locator(index.database(), index.chromaUrl(), index.collectionPrefix()),
                TestIndexes.database(index.database()), TestIndexes.embeddingModel());
    }
}
