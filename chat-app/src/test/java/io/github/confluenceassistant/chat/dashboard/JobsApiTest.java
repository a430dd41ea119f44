package io.github.confluenceassistant.chat.dashboard;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/jobs} says what the job repository says, to admins only; the metrics say the last run failed. */
class JobsApiTest extends TroubledRunsAppTest {

    @Test
    void theExecutionsListMatchesTheJobRepository() {
        List<JobExecutionSummary> expected = JobRuns.reader(JobRuns.missingBodiesThenFailed().database)
                .recent(50, Optional.empty());

        JsonNode runs = get("/api/jobs");

        assertThat(runs.size()).isEqualTo(2);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode run = runs.get(i);
            assertThat(run.path("id").asLong()).isEqualTo(expected.get(i).id());
            assertThat(run.path("status").asString()).isEqualTo(expected.get(i).status());
            assertThat(run.path("exitCode").asString()).isEqualTo(expected.get(i).exitCode());
            assertThat(run.path("pagesRead").asLong()).isEqualTo(expected.get(i).pagesRead());
            assertThat(run.path("pagesSkipped").asLong()).isEqualTo(expected.get(i).pagesSkipped());
            assertThat(run.path("health").asString()).isEqualTo(expected.get(i).health().name());
        }
        assertThat(runs.get(0).path("health").asString()).isEqualTo("FAILED");
        assertThat(runs.get(1).path("exitCode").asString()).isEqualTo("COMPLETED_WITH_MISSING_BODIES");
        assertThat(get("/api/jobs?status=FAILED").size()).isEqualTo(1);
    }

    @Test
    void oneExecutionHasItsStepsAndSkippedPages() {
        long warned = get("/api/jobs").get(1).path("id").asLong();

        JsonNode detail = get("/api/jobs/" + warned);

        assertThat(detail.path("execution").path("steps").valueStream().map(s -> s.path("name").asString())).contains("ingestPages");
        assertThat(detail.path("skippedPages").size()).isEqualTo(detail.path("execution").path("pagesRead").asInt());
        assertThat(detail.path("skippedPages").get(0).path("reason").asString()).isNotBlank();
    }

    @Test
    void anUnknownExecutionIs404() {
        client().get().uri("/api/jobs/987654").headers(h -> h.setBasicAuth("demo", "demo")).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aUserWithoutTheAdminRoleGets403() {
        client().get().uri("/api/jobs").headers(h -> h.setBasicAuth("alice", "alice-secret")).exchange()
                .expectStatus().isForbidden();
        client().get().uri("/api/jobs/1").headers(h -> h.setBasicAuth("alice", "alice-secret")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void prometheusShowsTheLastRunFailed() {
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("assistant_ingestion_last_run_status 0.0")
                        .contains("assistant_ingestion_last_run_age_seconds")
                        .contains("assistant_ingestion_last_run_skips"));
    }

    private JsonNode get(String uri) {
        String body = client().get().uri(uri).headers(h -> h.setBasicAuth("demo", "demo")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JsonMapper.shared().readTree(body);
    }
}
