package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two job processes on one database (two CronJob runs overlapping, or a manual run during a scheduled one): the
 * second does not run while the first holds the lock, says so, and runs normally once the first is over.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentRunsTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void aSecondRunWhileOneIsInProgressDoesNotRunAndSaysWhy(CapturedOutput output) throws Exception {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        ConfluenceDataset fewPages = ConfluenceDataset.of(demo.spaces(), demo.pages().subList(0, 3), List.of(), List.of());
        String database = infra.newDatabase("concurrent");
        try (AirbyteStandIn airbyte = AirbyteStandIn.builder(infra.postgres().dataSource(database)).dataset(fewPages)
                .build().start()) {
            Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("concurrent"));
            properties.put("assistant.airbyte.url", airbyte.publicApiUrl());
            properties.put("assistant.airbyte.client-id", airbyte.clientId());
            properties.put("assistant.airbyte.client-secret", airbyte.clientSecret());
            properties.put("assistant.airbyte.connection-id", airbyte.connectionId());
            properties.put("assistant.airbyte.poll-interval", "100ms");
            try (JobHarness first = JobHarness.start(properties); JobHarness second = JobHarness.start(properties)) {
                airbyte.holdSyncs(Duration.ofMinutes(5));
                CompletableFuture<JobExecution> firstRun = CompletableFuture.supplyAsync(first::run);
                await(() -> !airbyte.jobs().isEmpty()); // the first run waits for its sync, holding the lock

                Optional<JobExecution> refused = second.runOnce();

                assertThat(refused).as("the second run did not run").isEmpty();
                assertThat(output.getAll()).contains("Another ingestion run holds the lock (PostgreSQL advisory lock); "
                        + "this one exits without running");
                airbyte.holdSyncs(Duration.ZERO);
                assertThat(firstRun.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(airbyte.jobs()).as("the refused run started no sync").hasSize(1);

                Optional<JobExecution> afterwards = second.runOnce();

                assertThat(afterwards).as("once the first run is over, the lock is free").isPresent();
                assertThat(afterwards.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(first.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
                        String.class)).containsExactly("COMPLETED", "COMPLETED");
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
