package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.chat.retrieval.TestIndexes;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the dashboard reads from job repositories the real batch job wrote. */
class JobRepositoryReaderTest {

    @Test
    void theDemoSpaceRunIsHealthyWithEveryPageReadAndWritten() {
        String database = IngestedIndex.demoSpace().database();
        List<JobExecutionSummary> runs = JobRuns.reader(database).recent(10, Optional.empty());

        assertThat(runs).hasSize(1);
        JobExecutionSummary run = runs.getFirst();
        long pages = JobRuns.queryLong(database, "select count(*) from assistant.ingest_page_state");
        long snippets = JobRuns.queryLong(database, "select count(*) from assistant.ingest_snippet");
        assertThat(pages).isPositive();
        assertThat(run.jobName()).isEqualTo("confluenceIngestion");
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.health()).isEqualTo(ExecutionHealth.OK);
        assertThat(run.parameters()).containsEntry("run.id", "1");
        assertThat(run.pagesRead()).isEqualTo(pages);
        assertThat(run.pagesChanged()).isEqualTo(pages);
        assertThat(run.pagesSkipped()).isZero();
        assertThat(run.pagesPruned()).isZero();
        assertThat(run.snippetsWritten()).isEqualTo(snippets);
        assertThat(run.peakHeapMb()).isPositive();
        assertThat(run.steps()).extracting(StepExecutionSummary::name)
                .containsExactly("airbyteSync", "ingestPages", "pruneStalePages");
        assertThat(run.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo("COMPLETED"));
        assertThat(run.start()).isBefore(run.end());
        assertThat(run.currentStep()).isEmpty();
    }

    @Test
    void aRunWithoutPageBodiesIsAWarningListingEverySkippedPageWithTheFix() {
        JobRuns runs = JobRuns.missingBodiesThenFailed();
        JobRepositoryReader reader = JobRuns.reader(runs.database);
        long executionId = JobRuns.queryLong(runs.database,
                "select min(job_execution_id) from batch_job_execution");

        JobExecutionDetail detail = reader.find(executionId).orElseThrow();

        JobExecutionSummary run = detail.execution();
        assertThat(run.health()).isEqualTo(ExecutionHealth.WARNING);
        assertThat(run.exitCode()).isEqualTo("COMPLETED_WITH_MISSING_BODIES");
        assertThat(run.exitDescription()).contains("ASSISTANT_CONFLUENCE_EMAIL");
        assertThat(run.pagesRead()).isPositive();
        assertThat(run.pagesSkipped()).isEqualTo(run.pagesRead());
        assertThat(run.pagesChanged()).isZero();
        assertThat(run.snippetsWritten()).isZero();
        assertThat(detail.skippedPages()).hasSize((int) run.pagesRead())
                .allSatisfy(page -> {
                    assertThat(page.reason()).isNotBlank();
                    assertThat(page.url()).startsWith("http");
                });
        assertThat(detail.failureSummary()).isEmpty();
    }

    @Test
    void aRunThatFindsNoAirbyteTablesIsFailedWithItsExceptionSummary() {
        JobRuns runs = JobRuns.missingBodiesThenFailed();
        JobRepositoryReader reader = JobRuns.reader(runs.database);

        List<JobExecutionSummary> all = reader.recent(10, Optional.empty());
        List<JobExecutionSummary> failed = reader.recent(10, Optional.of("FAILED"));

        assertThat(all).extracting(JobExecutionSummary::health)
                .containsExactly(ExecutionHealth.FAILED, ExecutionHealth.WARNING);
        assertThat(failed).hasSize(1);
        JobExecutionSummary run = failed.getFirst();
        assertThat(run.id()).isEqualTo(all.getFirst().id());
        assertThat(run.parameters()).containsEntry("run.id", "2");
        assertThat(run.failureSummary(8)).isNotBlank();
        assertThat(reader.find(run.id()).orElseThrow().failureSummary()).isEqualTo(run.failureSummary(8));
        assertThat(reader.lastIndexingRun(true)).map(JobExecutionSummary::id).contains(all.get(1).id());
        assertThat(reader.lastIndexingRun(false)).map(JobExecutionSummary::id).contains(run.id());
        assertThat(reader.running()).isEmpty();
    }

    @Test
    void aDatabaseTheJobNeverRanAgainstHasNoExecutions() {
        JobRepositoryReader reader = JobRuns.reader(JobRuns.emptyDatabase());

        assertThat(reader.recent(10, Optional.empty())).isEmpty();
        assertThat(reader.running()).isEmpty();
        assertThat(reader.find(1)).isEmpty();
        assertThat(reader.lastIndexingRun(true)).isEmpty();
    }

    @Test
    void shardsOfAnIndexedJobCountAsIndexingRunsAndARunningShardRefusesANewRun() {
        String database = shardedRuns();
        JobRepositoryReader reader = JobRuns.reader(database);
        AtomicInteger launches = new AtomicInteger();
        // the index is not consulted when a start is refused
        IngestionDashboard dashboard = new IngestionDashboard(reader, null, countingLauncher(launches),
                TestIndexes.bind("assistant.dashboard", DashboardProperties.class, Map.of()), Clock.systemUTC());

        List<JobExecutionSummary> history = reader.recent(10, Optional.empty());

        assertThat(history).extracting(JobExecutionSummary::jobName).containsExactly(
                "confluenceProcessing-shard-0-of-2", "nightly-confluenceIngestion", "confluenceIngestion-shard-0-of-2-copy",
                "confluenceAirbyteSync", "confluenceIngestion-shard-1-of-2");
        JobExecutionSummary shardRun = history.getLast();
        assertThat(shardRun.status()).isEqualTo("COMPLETED");
        assertThat(shardRun.pagesRead()).as("the real run's step counts").isPositive();
        assertThat(reader.lastIndexingRun(true)).as("neither the sync-only job nor look-alike names build the index")
                .map(JobExecutionSummary::id).contains(shardRun.id());
        assertThat(reader.lastIndexingRun(false)).as("the running shard has not finished")
                .map(JobExecutionSummary::id).contains(shardRun.id());
        assertThat(reader.running()).map(JobExecutionSummary::jobName).contains("confluenceProcessing-shard-0-of-2");
        assertThatThrownBy(dashboard::startRun).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("(confluenceProcessing-shard-0-of-2) is STARTED");
        assertThat(launches).hasValue(0);

        new JdbcTemplate(TestInfrastructure.shared().postgres().dataSource(database)).update(
                "update batch_job_execution set status = 'COMPLETED', exit_code = 'COMPLETED', end_time = localtimestamp"
                        + " where status = 'STARTED'");
        assertThat(reader.lastIndexingRun(true)).map(JobExecutionSummary::jobName)
                .contains("confluenceProcessing-shard-0-of-2");
        assertThat(dashboard.startRun()).isEqualTo("launched 1");
    }

    /**
     * A job repository as an Indexed Job of two shards leaves it: a real run of the job (demo space without bodies,
     * so no embedding) renamed to shard 1 of 2; after it a sync-only run, two runs of other jobs whose names merely
     * contain an indexing job's, and shard 0 of the processing job, STARTED.
     */
    private static String shardedRuns() {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("dash_shards");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.EMPTY)
                .write(ConfluenceDataset.demoSpace(), 1);
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(
                infra.postgres().jdbcUrl(database), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD,
                infra.chroma().url(), infra.uniqueName("dash-shards").replace('_', '-')));
        properties.put("assistant.airbyte.url", "");
        Path log = infra.workDirectory().resolve(infra.uniqueName("dash-shards") + ".log");
        int exit = JavaProcess.ofJar(JobRuns.jar(), "-Xmx1g").run(properties, log, Duration.ofMinutes(10));
        assertThat(exit).as("the batch job's exit code; see " + log).isZero();

        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        jdbc.update("update batch_job_instance set job_name = 'confluenceIngestion-shard-1-of-2'");
        insertExecution(jdbc, "confluenceAirbyteSync", "COMPLETED");
        insertExecution(jdbc, "confluenceIngestion-shard-0-of-2-copy", "COMPLETED");
        insertExecution(jdbc, "nightly-confluenceIngestion", "COMPLETED");
        insertExecution(jdbc, "confluenceProcessing-shard-0-of-2", "STARTED");
        return database;
    }

    private static void insertExecution(JdbcTemplate jdbc, String jobName, String status) {
        jdbc.update("""
                        with instance as (
                            insert into batch_job_instance (job_instance_id, version, job_name, job_key)
                            values (nextval('batch_job_instance_seq'), 0, ?, md5(?)) returning job_instance_id)
                        insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time,
                            start_time, end_time, status, exit_code, exit_message, last_updated)
                        select nextval('batch_job_execution_seq'), 1, job_instance_id, localtimestamp, localtimestamp,
                            ?, ?, ?, '', localtimestamp from instance""",
                jobName, jobName, "COMPLETED".equals(status) ? Timestamp.valueOf(LocalDateTime.now()) : null,
                status, "COMPLETED".equals(status) ? "COMPLETED" : "UNKNOWN");
    }

    private static RunLauncher countingLauncher(AtomicInteger launches) {
        return new RunLauncher() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String description() {
                return "counts launches";
            }

            @Override
            public Optional<String> activeRun() {
                return Optional.empty();
            }

            @Override
            public String launch() {
                return "launched " + launches.incrementAndGet();
            }
        };
    }
}
