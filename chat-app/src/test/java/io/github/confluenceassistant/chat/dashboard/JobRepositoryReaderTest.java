package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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
}
