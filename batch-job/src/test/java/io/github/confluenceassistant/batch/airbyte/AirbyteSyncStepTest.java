package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.airbyte.AirbyteProperties.Api;
import io.github.confluenceassistant.batch.job.IngestionJobConfig;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.JobStatus;
import io.github.confluenceassistant.localstack.airbyte.SyncJob;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static io.github.confluenceassistant.batch.airbyte.AirbyteSyncTasklet.JOB_ID_KEY;
import static io.github.confluenceassistant.batch.airbyte.AirbyteSyncTasklet.ROWS_SYNCED_KEY;
import static io.github.confluenceassistant.batch.job.JobHarness.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The job's first step against Airbyte's real HTTP API (the stand-in), in both flavours: the public API with
 * client credentials, and the legacy configuration API with a docker-compose install's basic auth. Each flavour
 * has one stand-in, database and job context, shared by its scenarios; every scenario ends with a completed run,
 * so the next one starts a new job instance, as the CronJob's next run would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirbyteSyncStepTest {

    /** Short, so that a held sync outlasts it; long enough for every sync that is not held. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration HELD = Duration.ofMinutes(5);

    private final TestInfrastructure infra = TestInfrastructure.shared();
    /** A few pages are enough: these scenarios are about the sync, not about the pages. */
    private final ConfluenceDataset dataset = firstPagesOfTheDemoSpace(4);
    private final Map<Api, Installation> installations = new EnumMap<>(Api.class);

    @AfterAll
    void stop() {
        installations.values().forEach(Installation::close);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aRunTriggersASyncWaitsForItAndRecordsTheAirbyteJobIdAndRowsSynced(Api api) {
        Installation airbyte = installation(api);
        int before = airbyte.standIn.jobs().size();

        JobExecution execution = airbyte.job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<SyncJob> started = airbyte.jobsSince(before);
        assertThat(started).hasSize(1);
        SyncJob sync = started.getFirst();
        assertThat(sync.status()).isEqualTo(JobStatus.SUCCEEDED);
        StepExecution syncStep = step(execution, IngestionJobConfig.SYNC_STEP);
        assertThat(syncStep.getExecutionContext().getLong(JOB_ID_KEY)).isEqualTo(sync.jobId());
        assertThat(syncStep.getExecutionContext().getLong(ROWS_SYNCED_KEY)).isEqualTo(sync.rowsSynced()).isPositive();
        assertThat(persistedSyncJobId(airbyte, syncStep)).as("what the dashboard reads").isEqualTo(sync.jobId());
        assertThat(step(execution, IngestionJobConfig.INGEST_STEP).getReadCount())
                .as("the pages of the sync are read after it").isEqualTo(dataset.pages().size());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aRunWhileASyncIsAlreadyRunningJoinsThatSyncInsteadOfFailing(Api api) throws Exception {
        Installation airbyte = installation(api);
        airbyte.standIn.holdSyncs(HELD);
        long running = airbyte.startSyncOutsideTheJob();
        int before = airbyte.standIn.jobs().size();

        CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(airbyte.job::run);
        Thread.sleep(1500); // the job's start is refused with 409 and it joins the running sync
        airbyte.standIn.holdSyncs(Duration.ZERO);
        JobExecution execution = run.get();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(airbyte.jobsSince(before)).as("no second sync was started").isEmpty();
        assertThat(step(execution, IngestionJobConfig.SYNC_STEP).getExecutionContext().getLong(JOB_ID_KEY))
                .isEqualTo(running);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aConflictWithNoSyncRunningMeansStartAgainAfterAPause(Api api) {
        Installation airbyte = installation(api);
        airbyte.standIn.answerConflictOnNextStart(1); // as when the sync the client raced has just ended
        int before = airbyte.standIn.jobs().size();

        JobExecution execution = airbyte.job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(airbyte.jobsSince(before)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aFailedSyncFailsTheStepWithItsJobIdAndStatusAndTheRestartStartsANewSync(Api api) {
        Installation airbyte = installation(api);
        airbyte.standIn.failNextSyncs(1);
        int before = airbyte.standIn.jobs().size();

        JobExecution failed = airbyte.job.run();

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        SyncJob failedSync = airbyte.jobsSince(before).getFirst();
        assertThat(failedSync.status()).isEqualTo(JobStatus.FAILED);
        ExitStatus exit = step(failed, IngestionJobConfig.SYNC_STEP).getExitStatus();
        assertThat(exit.getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        assertThat(exit.getExitDescription()).contains("Airbyte sync job " + failedSync.jobId() + " ended failed");

        JobExecution restarted = airbyte.job.run();

        assertThat(restarted.getJobInstance().getInstanceId()).as("a restart of the failed instance")
                .isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<SyncJob> syncs = airbyte.jobsSince(before);
        assertThat(syncs).extracting(SyncJob::status).containsExactly(JobStatus.FAILED, JobStatus.SUCCEEDED);
        assertThat(step(restarted, IngestionJobConfig.SYNC_STEP).getExecutionContext().getLong(JOB_ID_KEY))
                .isEqualTo(syncs.getLast().jobId());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void serverErrorsAreRetriedUntilAirbyteAnswers(Api api) {
        Installation airbyte = installation(api);
        airbyte.standIn.respondWithServerError(2);
        int before = airbyte.standIn.jobs().size();

        JobExecution execution = airbyte.job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(airbyte.jobsSince(before)).extracting(SyncJob::status).containsExactly(JobStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aSyncOutlastingTheTimeoutFailsTheStepAndTheRestartRejoinsTheSameSync(Api api) {
        Installation airbyte = installation(api);
        airbyte.standIn.holdSyncs(HELD);
        int before = airbyte.standIn.jobs().size();

        JobExecution timedOut = airbyte.job.run();

        assertThat(timedOut.getStatus()).isEqualTo(BatchStatus.FAILED);
        long held = airbyte.jobsSince(before).getFirst().jobId();
        StepExecution syncStep = step(timedOut, IngestionJobConfig.SYNC_STEP);
        assertThat(syncStep.getExitStatus().getExitDescription())
                .contains("Airbyte sync job " + held + " still running after " + SYNC_TIMEOUT)
                .contains("restart the ingestion job to keep waiting for it");
        assertThat(persistedSyncJobId(airbyte, syncStep)).as("kept for the restart").isEqualTo(held);

        airbyte.standIn.holdSyncs(Duration.ZERO);
        JobExecution restarted = airbyte.job.run();

        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(timedOut.getJobInstance().getInstanceId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(airbyte.jobsSince(before)).as("the restart re-joined the sync, it started none")
                .extracting(SyncJob::jobId, SyncJob::status).containsExactly(tuple(held, JobStatus.SUCCEEDED));
        assertThat(step(restarted, IngestionJobConfig.SYNC_STEP).getExecutionContext().getLong(JOB_ID_KEY)).isEqualTo(held);
    }

    @Test
    void anAccessTokenThatExpiresWhileTheJobWaitsIsReplaced() throws Exception {
        Installation airbyte = installation(Api.PUBLIC);
        airbyte.standIn.holdSyncs(HELD);
        int before = airbyte.standIn.jobs().size();

        CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(airbyte.job::run);
        await(() -> airbyte.standIn.jobs().size() > before);
        Thread.sleep(300); // a few polls with the token
        airbyte.standIn.expireTokensNow(); // from now on the job's token answers 401
        Thread.sleep(500); // polls that must get a new token
        airbyte.standIn.holdSyncs(Duration.ZERO);
        JobExecution execution = run.get();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(airbyte.jobsSince(before)).extracting(SyncJob::status).containsExactly(JobStatus.SUCCEEDED);
    }

    @Test
    void withoutAirbyteTheSyncStepDoesNothingAndTheJobIngestsTheTablesAsTheyAre() {
        String database = infra.newDatabase("no_airbyte");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);
        try (JobHarness job = JobHarness.start(JobHarness.baseProperties(infra, database, infra.uniqueName("no-airbyte")))) {
            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StepExecution sync = step(execution, IngestionJobConfig.SYNC_STEP);
            assertThat(sync.getExitStatus().getExitCode()).isEqualTo(ExitStatus.NOOP.getExitCode());
            assertThat(sync.getExitStatus().getExitDescription()).contains("Airbyte not configured");
            assertThat(sync.getExecutionContext().containsKey(JOB_ID_KEY)).isFalse();
            assertThat(step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount()).isEqualTo(dataset.pages().size());
        }
    }

    /** The stand-in, its database and a job context for one API flavour; faults are reset for each scenario. */
    private Installation installation(Api api) {
        Installation installation = installations.computeIfAbsent(api, this::install);
        installation.standIn.holdSyncs(Duration.ZERO);
        installation.standIn.failNextSyncs(0);
        installation.standIn.respondWithServerError(0);
        installation.standIn.answerConflictOnNextStart(0);
        return installation;
    }

    private Installation install(Api api) {
        String database = infra.newDatabase("airbyte_" + api.name());
        AirbyteStandIn.Builder builder = AirbyteStandIn.builder(infra.postgres().dataSource(database)).dataset(dataset);
        if (api == Api.LEGACY) {
            builder.legacyBasicAuth("airbyte", "password"); // a docker-compose install
        }
        AirbyteStandIn standIn = builder.build().start();
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("sync-" + api));
        properties.put("assistant.airbyte.api", api.name());
        properties.put("assistant.airbyte.connection-id", standIn.connectionId());
        properties.put("assistant.airbyte.poll-interval", "100ms");
        properties.put("assistant.airbyte.timeout", SYNC_TIMEOUT.toString());
        if (api == Api.PUBLIC) {
            properties.put("assistant.airbyte.url", standIn.publicApiUrl());
            properties.put("assistant.airbyte.client-id", standIn.clientId());
            properties.put("assistant.airbyte.client-secret", standIn.clientSecret());
        } else {
            properties.put("assistant.airbyte.url", standIn.legacyApiUrl());
            properties.put("assistant.airbyte.username", "airbyte");
            properties.put("assistant.airbyte.password", "password");
        }
        return new Installation(api, standIn, JobHarness.start(properties));
    }

    private record Installation(Api api, AirbyteStandIn standIn, JobHarness job) implements AutoCloseable {

        List<SyncJob> jobsSince(int before) {
            List<SyncJob> all = standIn.jobs();
            return all.subList(before, all.size());
        }

        /** Someone (Airbyte's scheduler, a person in the UI) starts a sync of the connection. */
        long startSyncOutsideTheJob() {
            WebClient http = WebClient.create();
            if (api == Api.PUBLIC) {
                Map<?, ?> token = http.post().uri(standIn.publicApiUrl() + "/applications/token")
                        .bodyValue(Map.of("client_id", standIn.clientId(), "client_secret", standIn.clientSecret(),
                                "grant-type", "client_credentials"))
                        .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(10));
                Map<?, ?> job = http.post().uri(standIn.publicApiUrl() + "/jobs")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get("access_token"))
                        .bodyValue(Map.of("connectionId", standIn.connectionId(), "jobType", "sync"))
                        .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(10));
                return ((Number) job.get("jobId")).longValue();
            }
            Map<?, ?> info = http.post().uri(standIn.legacyApiUrl() + "/connections/sync")
                    .headers(h -> h.setBasicAuth("airbyte", "password"))
                    .bodyValue(Map.of("connectionId", standIn.connectionId()))
                    .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(10));
            return ((Number) ((Map<?, ?>) info.get("job")).get("id")).longValue();
        }

        @Override
        public void close() {
            job.close();
            standIn.close();
        }
    }

    /** The step's execution context as stored in the job repository, not as held in memory. */
    private static long persistedSyncJobId(Installation airbyte, StepExecution step) {
        StepExecution stored = airbyte.job.bean(JobRepository.class).getStepExecution(step.getId());
        assertThat(stored.getExecutionContext().containsKey(JOB_ID_KEY)).as("stored " + JOB_ID_KEY).isTrue();
        return stored.getExecutionContext().getLong(JOB_ID_KEY);
    }

    private static ConfluenceDataset firstPagesOfTheDemoSpace(int pages) {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        return ConfluenceDataset.of(demo.spaces(), demo.pages().subList(0, pages), List.of(), List.of());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
