package io.github.confluenceassistant.chat.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call the API, and what a refusal looks like: JSON, never a stack trace or a login page. */
class ApiSecurityTest extends DemoSpaceAppTest {

    @Test
    void withoutCredentialsTheApiAnswers401AsJson() {
        client().post().uri("/api/ask").contentType(MediaType.APPLICATION_JSON).bodyValue(question(PORT_QUESTION, null))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"confluence-assistant\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.error").isEqualTo("Unauthorized")
                .jsonPath("$.message").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aWrongPasswordIs401() {
        ask("alice", "wrong", question(PORT_QUESTION, null)).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void askingForAnotherUsersSpaceIs403AsJson() {
        ask("bob", "bob-secret", question(PORT_QUESTION, List.of("ENG")))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.error").isEqualTo("Forbidden")
                .jsonPath("$.message").isEqualTo("User 'bob' may not read space 'ENG'");
    }

    @Test
    void theStreamRefusesAnotherUsersSpaceBeforeStreaming() {
        client().post().uri("/api/ask/stream").headers(h -> h.setBasicAuth("bob", "bob-secret"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(question(PORT_QUESTION, List.of("ENG")))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.status").isEqualTo(403);
    }

    @Test
    void jobsApiIsForAdminsOnly() {
        client().get().uri("/api/jobs").headers(h -> h.setBasicAuth("alice", "alice-secret")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.status").isEqualTo(403);
    }

    @Test
    void anInvalidRequestIs400WithWhatIsWrong() {
        ask("alice", "alice-secret", Map.of("question", " ")).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.message").value(String.class, message -> assertThat(message).startsWith("question "));
    }

    @Test
    void probesAndMetricsAreOpenToTheCluster() {
        client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void theUiRedirectsStrangersToTheLoginPage() {
        client().get().uri("/").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().value("Location", location -> assertThat(location).endsWith("/login"));
    }
}
