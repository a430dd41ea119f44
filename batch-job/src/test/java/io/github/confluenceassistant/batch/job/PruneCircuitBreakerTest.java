package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prune step's circuit breaker: an Airbyte table that suddenly lacks a large share of a space (a half-finished
 * or misconfigured sync) must not wipe that space from the index. Deleting up to the allowed share (30 %) just
 * works; more fails the step with a message saying why and how to force it; forcing deletes.
 */
class PruneCircuitBreakerTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void aModestDeletionIsPrunedAMassDeletionIsRefusedUntilForced() {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        List<String> leaves = leafPages(demo); // deleting them changes no other page's breadcrumb
        String database = infra.newDatabase("prune");
        String prefix = infra.uniqueName("prune");
        AirbyteTableWriter airbyte = new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);
        airbyte.write(demo, 1);
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, prefix);
        try (JobHarness job = JobHarness.start(properties)) {
            assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            int all = job.index().pageIds().size();

            // 20 %: 7 of the 34 pages are gone
            List<String> fewGone = leaves.subList(0, 7);
            ConfluenceDataset afterSmallDeletion = without(demo, fewGone);
            airbyte.write(afterSmallDeletion, 2);
            JobExecution pruned = job.run();

            assertThat(pruned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IndexSnapshot afterPrune = job.index().assertChromaAgreesWithStateTable();
            assertThat(afterPrune.pageIds()).hasSize(all - fewGone.size()).doesNotContainAnyElementsOf(fewGone);

            // 40 %: 11 of the remaining 27 pages are gone
            List<String> manyGone = leaves.subList(7, 18);
            airbyte.write(without(afterSmallDeletion, manyGone), 3);
            JobExecution refused = job.run();

            assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(JobHarness.step(refused, IngestionJobConfig.PRUNE_STEP).getExitStatus().getExitDescription())
                    .contains("Prune refused: 11 of 27 pages of space ENG (41 %) are gone from Airbyte's tables, "
                            + "more than the 30 % allowed in one run")
                    .contains("If Airbyte's sync was incomplete, fix it and rerun")
                    .contains("assistant.ingestion.force-prune=true", "ASSISTANT_INGESTION_FORCE_PRUNE=true");
            IndexSnapshot afterRefusal = job.index().assertChromaAgreesWithStateTable();
            assertThat(afterRefusal.snippets()).as("nothing was deleted").isEqualTo(afterPrune.snippets());
            assertThat(afterRefusal.snippetCountByPage()).isEqualTo(afterPrune.snippetCountByPage());
            assertThat(new HashSet<>(afterRefusal.chromaIds())).isEqualTo(new HashSet<>(afterPrune.chromaIds()));

            properties.put("assistant.ingestion.force-prune", "true");
            try (JobHarness forced = JobHarness.start(properties)) {
                JobExecution forcedRun = forced.run();

                assertThat(forcedRun.getJobInstance().getInstanceId()).as("the refused run, restarted")
                        .isEqualTo(refused.getJobInstance().getInstanceId());
                assertThat(forcedRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                IndexSnapshot afterForce = forced.index().assertChromaAgreesWithStateTable();
                assertThat(afterForce.pageIds()).hasSize(all - fewGone.size() - manyGone.size())
                        .doesNotContainAnyElementsOf(manyGone);
                Set<String> kept = new HashSet<>(afterPrune.snippetIds());
                kept.removeIf(id -> manyGone.contains(id.substring(0, id.indexOf(':'))));
                assertThat(afterForce.snippetIds()).as("the other pages' snippets stay as they were").isEqualTo(kept);
            }
        }
    }

    /** Pages no other page has as an ancestor, and blog posts, in id order. */
    private static List<String> leafPages(ConfluenceDataset dataset) {
        Set<String> parents = new HashSet<>();
        dataset.pages().forEach(page -> page.path("ancestors").forEach(a -> parents.add(a.get("id").asString())));
        List<String> leaves = new ArrayList<>();
        Stream.concat(dataset.pages().stream(), dataset.blogPosts().stream()).map(p -> p.get("id").asString())
                .filter(id -> !parents.contains(id)).sorted().forEach(leaves::add);
        return leaves;
    }

    private static ConfluenceDataset without(ConfluenceDataset dataset, List<String> ids) {
        List<ObjectNode> blogPosts = dataset.blogPosts().stream().filter(p -> !ids.contains(idOf(p))).toList();
        List<ObjectNode> pages = dataset.pages().stream().filter(p -> !ids.contains(idOf(p))).toList();
        return ConfluenceDataset.of(dataset.spaces(), pages, blogPosts, dataset.questions());
    }

    private static String idOf(JsonNode content) {
        return content.get("id").asString();
    }
}
