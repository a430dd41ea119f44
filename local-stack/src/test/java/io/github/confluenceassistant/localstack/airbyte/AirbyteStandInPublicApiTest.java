package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.airbyte.ApiCalls.Answer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AirbyteStandInPublicApiTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgresServer postgres;
    private static ConfluenceDataset dataset;

    private AirbyteStandIn airbyte;
    private ApiCalls api;
    private Tables tables;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dataset = TestDatasets.demoOrMtrag();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void startStandIn() {
        var database = postgres.dataSource(postgres.createDatabase("public_api_" + databases.incrementAndGet()));
        tables = new Tables(database);
        airbyte = AirbyteStandIn.builder(database).dataset(dataset).build().start();
        api = new ApiCalls(airbyte.publicApiUrl());
    }

    @AfterEach
    void stopStandIn() {
        airbyte.close();
    }

    @Test
    void aSyncStartedWithATokenRunsUntilSucceededAndFillsTheTables() throws Exception {
        String token = api.bearer("local-client", "local-secret");

        Answer started = api.post("/jobs", startBody(), token);
        long jobId = started.body().path("jobId").asLong();
        Answer finished = api.pollUntil("/jobs/" + jobId, token, answer -> isTerminal(answer.body()));

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().path("status").asString()).isEqualTo("running");
        assertThat(started.body().has("lastUpdatedAt")).isFalse();
        JsonNode job = finished.body();
        assertThat(job.path("status").asString()).isEqualTo("succeeded");
        assertThat(job.path("jobType").asString()).isEqualTo("sync");
        assertThat(job.path("connectionId").asString()).isEqualTo(airbyte.connectionId());
        assertThat(job.path("rowsSynced").asLong()).isEqualTo(TestDatasets.recordCount(dataset)).isPositive();
        assertThat(job.path("bytesSynced").asLong()).isPositive();
        assertThat(job.path("duration").asString()).matches("PT(\\d+H)?(\\d+M)?\\d+S");
        assertThat(OffsetDateTime.parse(job.path("startTime").asString()))
                .isBeforeOrEqualTo(OffsetDateTime.parse(job.path("lastUpdatedAt").asString()));
        assertThat(tables.count("select count(*) from confluence.pages where _airbyte_meta->>'sync_id' = '"
                + jobId + "'")).isEqualTo(dataset.pages().size());
    }

    @Test
    void aSecondStartWhileASyncIsHeldAnswers409TryAgainLater() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.holdSyncs(Duration.ofMinutes(5));
        long first = api.post("/jobs", startBody(), token).body().path("jobId").asLong();

        Answer second = api.post("/jobs", startBody(), token);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().path("status").asInt()).isEqualTo(409);
        assertThat(second.body().path("title").asString()).isEqualTo("try-again-later");
        assertThat(second.body().path("type").asString())
                .isEqualTo("https://reference.airbyte.com/reference/errors#try-again-later");
        assertThat(second.body().path("detail").asString()).isNotBlank();
        assertThat(second.body().at("/data/message").asString())
                .isEqualTo("A sync is already running for: " + airbyte.connectionId());
        assertThat(api.get("/jobs/" + first, token).body().path("status").asString()).isEqualTo("running");
        assertThat(tables.tablesIn("confluence")).isEmpty();

        airbyte.holdSyncs(Duration.ZERO);

        assertThat(api.pollUntil("/jobs/" + first, token, answer -> isTerminal(answer.body())).body()
                .path("status").asString()).isEqualTo("succeeded");
        assertThat(api.post("/jobs", startBody(), token).status()).isEqualTo(200);
    }

    @Test
    void anInjectedConflictAnswers409ThoughNothingRuns() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.answerConflictOnNextStart(1);

        assertThat(api.post("/jobs", startBody(), token).status()).isEqualTo(409);
        assertThat(airbyte.jobs()).isEmpty();
        assertThat(api.post("/jobs", startBody(), token).status()).isEqualTo(200);
    }

    @Test
    void aWrongSecretOrAMissingTokenIsRefused() throws Exception {
        assertThat(api.post("/applications/token", """
                {"client_id": "local-client", "client_secret": "guess", "grant-type": "client_credentials"}""",
                null).status()).isEqualTo(401);
        assertThat(api.post("/jobs", startBody(), null).status()).isEqualTo(401);
        assertThat(api.get("/jobs", "Bearer made-up").status()).isEqualTo(401);
    }

    @Test
    void theTokenAnswerSaysBearerAndItsLifetime() throws Exception {
        Answer answer = api.post("/applications/token", """
                {"client_id": "local-client", "client_secret": "local-secret", "grant-type": "client_credentials"}""",
                null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(answer.body().path("expires_in").asLong()).isEqualTo(900);
        assertThat(answer.body().path("access_token").asString()).isNotBlank();
    }

    @Test
    void anExpiredTokenGets401UntilTheClientFetchesANewOne() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        assertThat(api.get("/jobs", token).status()).isEqualTo(200);

        airbyte.expireTokensNow();

        assertThat(api.get("/jobs", token).status()).isEqualTo(401);
        assertThat(api.get("/jobs", api.bearer("local-client", "local-secret")).status()).isEqualTo(200);
    }

    @Test
    void tokensRunOutAfterTheirLifetime() throws Exception {
        try (AirbyteStandIn shortLived = AirbyteStandIn.builder(postgres.dataSource("postgres")).dataset(dataset)
                .tokenLifetime(Duration.ofMillis(300)).build().start()) {
            ApiCalls calls = new ApiCalls(shortLived.publicApiUrl());
            String token = calls.bearer("local-client", "local-secret");

            Thread.sleep(400);

            assertThat(calls.get("/jobs", token).status()).isEqualTo(401);
        }
    }

    @Test
    void injectedServerErrorsAnswer500AndStartNothing() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.respondWithServerError(2);

        Answer first = api.post("/jobs", startBody(), token);
        Answer second = api.get("/jobs", token);
        Answer third = api.post("/jobs", startBody(), token);

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.body().path("status").asInt()).isEqualTo(500);
        assertThat(second.status()).isEqualTo(500);
        assertThat(third.status()).isEqualTo(200);
        assertThat(airbyte.jobs()).hasSize(1);
    }

    @Test
    void aFailedSyncEndsFailedAndLeavesTheTablesAsTheyWere() throws Exception {
        airbyte.syncDirectly();
        String removed = dataset.pages().getFirst().path("id").asString();
        airbyte.setDataset(dataset.withoutPage(removed));
        airbyte.failNextSyncs(1);
        String token = api.bearer("local-client", "local-secret");

        long jobId = api.post("/jobs", startBody(), token).body().path("jobId").asLong();
        JsonNode job = api.pollUntil("/jobs/" + jobId, token, answer -> isTerminal(answer.body())).body();

        assertThat(job.path("status").asString()).isEqualTo("failed");
        assertThat(job.has("lastUpdatedAt")).isTrue();
        assertThat(tables.count("select count(*) from confluence.pages where id = '" + removed + "'")).isOne();
        assertThat(tables.count("select count(*) from confluence.pages where _airbyte_meta->>'sync_id' = '"
                + jobId + "'")).isZero();
    }

    @Test
    void aCancelledJobNeverWritesTheTables() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.holdSyncs(Duration.ofMinutes(5));
        long jobId = api.post("/jobs", startBody(), token).body().path("jobId").asLong();

        Answer cancelled = api.delete("/jobs/" + jobId, token);
        airbyte.holdSyncs(Duration.ZERO);
        Thread.sleep(100);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asString()).isEqualTo("cancelled");
        assertThat(api.get("/jobs/" + jobId, token).body().path("status").asString()).isEqualTo("cancelled");
        assertThat(tables.tablesIn("confluence")).isEmpty();
    }

    @Test
    void jobsListOldestFirstByDefaultAndNewestFirstWhenAsked() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.syncDirectly();
        airbyte.syncDirectly();
        long third = api.post("/jobs", startBody(), token).body().path("jobId").asLong();
        api.pollUntil("/jobs/" + third, token, answer -> isTerminal(answer.body()));
        String connection = "connectionId=" + airbyte.connectionId() + "&jobType=sync";

        Answer newestFirst = api.get("/jobs?" + connection + "&orderBy=createdAt%7CDESC&limit=5", token);
        Answer oldestFirst = api.get("/jobs?" + connection, token);
        Answer firstPage = api.get("/jobs?" + connection + "&orderBy=createdAt%7CDESC&limit=2", token);
        Answer running = api.get("/jobs?" + connection + "&status=running", token);

        assertThat(jobIds(newestFirst)).containsExactly(third, third - 1, third - 2);
        assertThat(jobIds(oldestFirst)).containsExactly(third - 2, third - 1, third);
        assertThat(jobIds(firstPage)).containsExactly(third, third - 1);
        assertThat(firstPage.body().path("next").asString()).contains("offset=2").contains("limit=2");
        assertThat(firstPage.body().has("previous")).isFalse();
        assertThat(jobIds(api.get(firstPage.body().path("next").asString()
                .substring(airbyte.publicApiUrl().length()), token))).containsExactly(third - 2);
        assertThat(jobIds(running)).isEmpty();
    }

    @Test
    void anUnknownConnectionOrJobIs404() throws Exception {
        String token = api.bearer("local-client", "local-secret");

        Answer connection = api.post("/jobs", """
                {"connectionId": "00000000-0000-0000-0000-000000000000", "jobType": "sync"}""", token);
        Answer job = api.get("/jobs/999", token);

        assertThat(connection.status()).isEqualTo(404);
        assertThat(connection.body().path("title").asString()).isEqualTo("resource-not-found");
        assertThat(job.status()).isEqualTo(404);
    }

    @Test
    void delayedAnswersLetClientsTimeOutWhileTheJobStillStarts() throws Exception {
        String token = api.bearer("local-client", "local-secret");
        airbyte.delayResponses(Duration.ofSeconds(2));
        ApiCalls impatient = new ApiCalls(airbyte.publicApiUrl(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.post("/jobs", startBody(), token))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(airbyte.jobs()).hasSize(1);
    }

    private String startBody() {
        return """
                {"connectionId": "%s", "jobType": "sync"}""".formatted(airbyte.connectionId());
    }

    private static boolean isTerminal(JsonNode job) {
        return List.of("succeeded", "failed", "cancelled").contains(job.path("status").asString());
    }

    private static List<Long> jobIds(Answer list) {
        return StreamSupport.stream(list.body().path("data").spliterator(), false)
                .map(job -> job.path("jobId").asLong())
                .toList();
    }
}
