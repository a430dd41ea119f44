package io.github.confluenceassistant.batch.vectorstore;

import io.github.confluenceassistant.batch.job.IndexSnapshot;
import io.github.confluenceassistant.batch.job.IngestionJobConfig;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.chroma.ChromaServer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chroma stops in the middle of a run (after the first chunk committed) and comes back on the same port with the
 * same data: a short outage is bridged by the writer's retries; a longer one fails the step, and the restart
 * completes. Either way Chroma ends holding exactly the snippets of the state table. Each scenario runs its own
 * Chroma, so the shared one is not disturbed.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChromaOutageTest {

    private static final String RETRY_LOG_LINE = "Chroma request failed; retrying";

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final ConfluenceDataset demo = ConfluenceDataset.demoSpace();
    private ChromaServer chroma;

    @AfterEach
    void stopChroma() {
        if (chroma != null) {
            chroma.close();
        }
    }

    @Test
    void aShortOutageIsBridgedByTheRetries(CapturedOutput output) throws Exception {
        Scenario scenario = scenario("chroma_blip", Duration.ofSeconds(90));
        try (JobHarness job = JobHarness.start(scenario.properties)) {
            CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(job::run);
            awaitFirstCommit(scenario.jdbc);
            chroma.close();
            await(() -> output.getAll().contains(RETRY_LOG_LINE)); // the writer meets the outage
            chroma = ChromaServer.start(chromaPackage(), scenario.chromaData, scenario.chromaPort);
            JobExecution execution = run.get();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(JobHarness.step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount()).isEqualTo(pages());
            assertThat(job.index().assertChromaAgreesWithStateTable().pageIds()).hasSize(pages());
        }
    }

    @Test
    void aLongerOutageFailsTheStepAndTheRestartCompletes() throws Exception {
        Scenario scenario = scenario("chroma_down", Duration.ofSeconds(2));
        try (JobHarness job = JobHarness.start(scenario.properties)) {
            CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(job::run);
            awaitFirstCommit(scenario.jdbc);
            chroma.close();
            JobExecution failed = run.get();

            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(JobHarness.step(failed, IngestionJobConfig.INGEST_STEP).getExitStatus().getExitDescription())
                    .contains("Chroma: could not");
            int committed = scenario.jdbc.queryForObject("select count(*) from assistant.ingest_page_state", Integer.class);
            assertThat(committed).isPositive().isLessThan(pages());

            chroma = ChromaServer.start(chromaPackage(), scenario.chromaData, scenario.chromaPort);
            JobExecution restarted = job.run();

            assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(JobHarness.step(restarted, IngestionJobConfig.INGEST_STEP).getWriteCount())
                    .as("the restart resumes after the last commit").isEqualTo(pages() - committed);
            IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
            assertThat(index.pageIds()).hasSize(pages());
        }
    }

    private record Scenario(Map<String, Object> properties, JdbcTemplate jdbc, Path chromaData, int chromaPort) {
    }

    /** Tables with the demo space, an own Chroma, and small chunks so that the outage falls in the middle. */
    private Scenario scenario(String name, Duration chromaRetryFor) {
        String database = infra.newDatabase(name);
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(demo, 1);
        Path data = infra.workDirectory().resolve(infra.uniqueName(name));
        chroma = ChromaServer.start(chromaPackage(), data, 0);
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName(name));
        properties.put("assistant.chroma.url", chroma.url());
        properties.put("assistant.chroma.timeout", "5s");
        properties.put("assistant.ingestion.chroma-retry-for", chromaRetryFor.toString());
        properties.put("assistant.ingestion.chunk-size", "4");
        return new Scenario(properties, new JdbcTemplate(infra.postgres().dataSource(database)), data, chroma.port());
    }

    private int pages() {
        return demo.pages().size() + demo.blogPosts().size();
    }

    private static Path chromaPackage() {
        return TestInfrastructure.projectRoot().resolve("local-stack/chroma");
    }

    private static void awaitFirstCommit(JdbcTemplate jdbc) throws InterruptedException {
        await(() -> pagesWritten(jdbc) > 0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static int pagesWritten(JdbcTemplate jdbc) {
        try {
            Integer count = jdbc.queryForObject("select count(*) from assistant.ingest_page_state", Integer.class);
            return count == null ? 0 : count;
        } catch (RuntimeException notMigratedYet) {
            return 0;
        }
    }
}
