package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1JobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingestion CronJob follows the job's restart rule and measured size, and the steps can run on their own schedules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionCronJobTest {

    private final RenderedOverlays overlays = new RenderedOverlays();

    List<String> overlays() {
        return RenderedOverlays.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void failedRunIsLeftToTheNextScheduleWhichRestartsIt(String overlay) {
        V1CronJob cronJob = cronJob(overlay, "ingestion");
        V1JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isPositive();
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isPositive();
        assertThat(job.getBackoffLimit()).isZero();
        assertThat(job.getActiveDeadlineSeconds()).isGreaterThan(2 * 3600L).as("longer than Airbyte's 2 h sync timeout");
        assertThat(job.getPodFailurePolicy().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("Ignore");
            assertThat(rule.getOnPodConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
        });
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void sizedFromTheMeasuredHeap(String overlay) {
        V1Container container = container(cronJob(overlay, "ingestion"));

        assertThat(container.getResources().getRequests()).satisfies(r -> {
            assertThat(r.get("cpu").toSuffixedString()).isEqualTo("1");
            assertThat(r.get("memory").toSuffixedString()).isEqualTo("1536Mi");
        });
        assertThat(container.getResources().getLimits()).satisfies(r -> {
            assertThat(r.get("cpu").toSuffixedString()).isEqualTo("2");
            assertThat(r.get("memory").toSuffixedString()).isEqualTo("2Gi");
        });
    }

    @Test
    void productionRunsAllStepsEveryThirtyMinutes() {
        V1CronJob cronJob = cronJob("overlays/prod", "ingestion");

        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/30 * * * *");
        assertThat(env(cronJob)).containsEntry("ASSISTANT_INGESTION_STEPS", "ALL");
        assertThat(cronJobNames("overlays/prod")).containsExactly("ingestion");
    }

    @Test
    void devRunsTheAirbyteSyncAndTheProcessingOnTheirOwnSchedules() {
        V1CronJob processing = cronJob("overlays/dev", "ingestion");
        V1CronJob sync = cronJob("overlays/dev", "ingestion-sync");

        assertThat(env(processing)).containsEntry("ASSISTANT_INGESTION_STEPS", "PROCESS");
        assertThat(env(sync)).containsEntry("ASSISTANT_INGESTION_STEPS", "SYNC");
        assertThat(sync.getSpec().getSchedule()).isNotEqualTo(processing.getSpec().getSchedule());
        assertThat(container(sync).getImage()).isEqualTo(container(processing).getImage());
        assertThat(env(processing)).as("the patch replaced one variable, not the list").containsKey("ASSISTANT_DB_PASSWORD");
    }

    @Test
    void largeSitesRunOneIndexedPodPerShardEachOnItsOwnShareOfTheSpaces() {
        V1CronJob cronJob = cronJob("overlays/sharded", "ingestion");
        V1JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
        int shards = Integer.parseInt(env(cronJob).get("ASSISTANT_INGESTION_SHARD_COUNT"));

        assertThat(job.getCompletionMode()).isEqualTo("Indexed");
        assertThat(shards).isGreaterThan(1);
        assertThat(job.getCompletions()).as("one completion per shard").isEqualTo(shards);
        assertThat(job.getParallelism()).as("all shards at once").isEqualTo(shards);
        assertThat(env(cronJob)).as("the shard index comes from JOB_COMPLETION_INDEX, never from the manifest")
                .doesNotContainKey("ASSISTANT_INGESTION_SHARD_INDEX")
                .containsKey("ASSISTANT_INGESTION_PARTITIONS").containsKey("ASSISTANT_DB_PASSWORD");
        assertThat(job.getBackoffLimit()).isZero();
    }

    private V1CronJob cronJob(String overlay, String name) {
        return overlays.get(overlay).stream().filter(m -> m.typed() instanceof V1CronJob && m.name().equals(name))
                .map(m -> m.as(V1CronJob.class)).findFirst()
                .orElseThrow(() -> new AssertionError("no CronJob " + name + " in " + overlay));
    }

    private List<String> cronJobNames(String overlay) {
        return overlays.get(overlay).stream().filter(m -> m.typed() instanceof V1CronJob).map(Manifest::name).toList();
    }

    private static V1Container container(V1CronJob cronJob) {
        return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Map<String, String> env(V1CronJob cronJob) {
        return container(cronJob).getEnv().stream()
                .collect(Collectors.toMap(V1EnvVar::getName, e -> e.getValue() == null ? "<from " + e.getValueFrom() + ">" : e.getValue()));
    }
}
