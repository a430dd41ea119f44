package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.airbyte.ApiCalls.Answer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class AirbyteStandInLegacyApiTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgresServer postgres;
    private static ConfluenceDataset dataset;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dataset = TestDatasets.demoOrMtrag();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aSyncStartedWithABearerTokenIsWatchedThroughJobsGet() throws Exception {
        DataSource database = freshDatabase();
        try (AirbyteStandIn airbyte = standIn(database).build().start()) {
            String token = new ApiCalls(airbyte.publicApiUrl()).bearer("local-client", "local-secret");
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());

            Answer started = legacy.post("/connections/sync", connection(airbyte), token);
            long jobId = started.body().at("/job/id").asLong();
            Answer finished = legacy.pollUntil(() -> legacy.post("/jobs/get", "{\"id\": " + jobId + "}", token),
                    answer -> !answer.body().at("/job/status").asString().equals("running"));

            assertThat(started.status()).isEqualTo(200);
            JsonNode job = started.body().path("job");
            assertThat(job.path("configType").asString()).isEqualTo("sync");
            assertThat(job.path("configId").asString()).isEqualTo(airbyte.connectionId());
            assertThat(job.path("status").asString()).isEqualTo("running");
            assertThat(job.path("createdAt").isIntegralNumber()).isTrue();
            assertThat(started.body().path("attempts").isArray()).isTrue();
            assertThat(finished.body().at("/job/status").asString()).isEqualTo("succeeded");
            assertThat(finished.body().at("/job/aggregatedStats/recordsCommitted").asLong())
                    .isEqualTo(TestDatasets.recordCount(dataset));
            assertThat(new Tables(database).count("select count(*) from confluence.pages "
                    + "where _airbyte_meta->>'sync_id' = '" + jobId + "'")).isEqualTo(dataset.pages().size());
        }
    }

    @Test
    void aSecondSyncWhileOneRunsAnswers409WithTheMessage() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).build().start()) {
            String token = new ApiCalls(airbyte.publicApiUrl()).bearer("local-client", "local-secret");
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());
            airbyte.holdSyncs(Duration.ofMinutes(5));
            legacy.post("/connections/sync", connection(airbyte), token);

            Answer second = legacy.post("/connections/sync", connection(airbyte), token);

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.body().path("message").asString())
                    .isEqualTo("A sync is already running for: " + airbyte.connectionId());
            assertThat(second.body().path("exceptionClassName").asString()).isNotBlank();
            assertThat(second.body().path("exceptionStack").isArray()).isTrue();
        }
    }

    @Test
    void basicAuthGuardsTheLegacyApiWhenConfigured() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).legacyBasicAuth("airbyte", "password").build()
                .start()) {
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());

            Answer anonymous = legacy.post("/connections/sync", connection(airbyte), null);
            Answer wrong = legacy.post("/connections/sync", connection(airbyte),
                    ApiCalls.basic("airbyte", "guess"));
            Answer right = legacy.post("/connections/sync", connection(airbyte),
                    ApiCalls.basic("airbyte", "password"));

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(right.status()).isEqualTo(200);
        }
    }

    @Test
    void withoutBasicAuthTheLegacyApiWantsAValidBearerToken() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).build().start()) {
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());

            assertThat(legacy.post("/connections/sync", connection(airbyte), null).status()).isEqualTo(401);
            assertThat(legacy.post("/connections/sync", connection(airbyte), "Bearer made-up").status())
                    .isEqualTo(401);
        }
    }

    @Test
    void jobsListNewestFirstAndJobsCancelStopsAHeldJob() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).build().start()) {
            String token = new ApiCalls(airbyte.publicApiUrl()).bearer("local-client", "local-secret");
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());
            airbyte.syncDirectly();
            airbyte.holdSyncs(Duration.ofMinutes(5));
            long held = legacy.post("/connections/sync", connection(airbyte), token).body().at("/job/id").asLong();

            Answer cancelled = legacy.post("/jobs/cancel", "{\"id\": " + held + "}", token);
            Answer list = legacy.post("/jobs/list", """
                    {"configTypes": ["sync"], "configId": "%s"}""".formatted(airbyte.connectionId()), token);

            assertThat(cancelled.body().at("/job/status").asString()).isEqualTo("cancelled");
            assertThat(StreamSupport.stream(list.body().path("jobs").spliterator(), false)
                    .map(job -> job.at("/job/id").asLong()).toList()).containsExactly(held, held - 1);
            assertThat(list.body().path("totalJobCount").asInt()).isEqualTo(2);
        }
    }

    @Test
    void anUnknownConnectionOrJobIs404() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).build().start()) {
            String token = new ApiCalls(airbyte.publicApiUrl()).bearer("local-client", "local-secret");
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());

            assertThat(legacy.post("/connections/sync",
                    "{\"connectionId\": \"00000000-0000-0000-0000-000000000000\"}", token).status()).isEqualTo(404);
            assertThat(legacy.post("/jobs/get", "{\"id\": 4242}", token).status()).isEqualTo(404);
        }
    }

    @Test
    void injectedServerErrorsReachTheLegacyApiToo() throws Exception {
        try (AirbyteStandIn airbyte = standIn(freshDatabase()).build().start()) {
            String token = new ApiCalls(airbyte.publicApiUrl()).bearer("local-client", "local-secret");
            ApiCalls legacy = new ApiCalls(airbyte.legacyApiUrl());
            airbyte.respondWithServerError(1);

            assertThat(legacy.post("/connections/sync", connection(airbyte), token).status()).isEqualTo(500);
            assertThat(legacy.post("/connections/sync", connection(airbyte), token).status()).isEqualTo(200);
            assertThat(airbyte.jobs()).hasSize(1);
        }
    }

    private static AirbyteStandIn.Builder standIn(DataSource database) {
        return AirbyteStandIn.builder(database).dataset(dataset).layout(AirbyteLayout.CONNECTOR_0X_RAW_FINAL);
    }

    private static DataSource freshDatabase() {
        return postgres.dataSource(postgres.createDatabase("legacy_api_" + databases.incrementAndGet()));
    }

    private static String connection(AirbyteStandIn airbyte) {
        return "{\"connectionId\": \"" + airbyte.connectionId() + "\"}";
    }
}
