package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.AppProperties;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh install (the job never ran): the missing index shows in /actuator/health, with details for admins
 * only, but the pod stays ready and serves its UI, so an admin can start the first run from the dashboard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndexHealthEndpointTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void neverIngested(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("health_endpoint");
        AppProperties.index(registry, database, infra.chroma().url(), infra.uniqueName("health-endpoint").replace('_', '-'));
        AppProperties.user(registry, 0, "demo", "{noop}demo", "USER,ADMIN", "*");
        AppProperties.user(registry, 1, "alice", "{noop}alice-secret", "USER", "*");
    }

    @Test
    void withoutAnIndexThePodStaysReadyAndServesItsSignInPage() {
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/login").exchange().expectStatus().isOk();
    }

    @Test
    void adminsSeeTheMissingIndexAndWhatToDoInTheHealthEndpoint() {
        client().get().uri("/actuator/health").headers(h -> h.setBasicAuth("demo", "demo")).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.index.status").isEqualTo("DOWN")
                .jsonPath("$.components.index.details.status").isEqualTo("NONE")
                .jsonPath("$.components.index.details.model").isEqualTo(TestIndexes.embeddingModel().identity().id())
                .jsonPath("$.components.index.details.collection").value(String.class,
                        name -> assertThat(name).startsWith("health-endpoint"))
                .jsonPath("$.components.index.details.reason").value(String.class,
                        reason -> assertThat(reason).contains("dashboard"))
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
    }

    @Test
    void othersSeeOnlyTheOverallStatus() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components").doesNotExist();
        client().get().uri("/actuator/health").headers(h -> h.setBasicAuth("alice", "alice-secret")).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.components").doesNotExist();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
