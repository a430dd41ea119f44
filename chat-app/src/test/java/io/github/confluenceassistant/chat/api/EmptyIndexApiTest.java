package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.AppProperties;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

/** A fresh install whose ingestion job has not run yet: the app starts anyway and says what to do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmptyIndexApiTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void emptyDatabase(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("never_ingested");
        AppProperties.index(registry, database, infra.chroma().url(), infra.uniqueName("never-ingested").replace('_', '-'));
    }

    @Test
    void startsWithoutAnIndexAndAnswersThatTheIndexIsEmpty() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build()
                .post().uri("/api/ask")
                .headers(h -> h.setBasicAuth("demo", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("question", "Which port does the local PostgreSQL listen on?"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.answered").isEqualTo(false)
                .jsonPath("$.answer").value(String.class, answer -> org.assertj.core.api.Assertions.assertThat(answer)
                        .contains("index is empty").contains("ingestion job"))
                .jsonPath("$.citations").isEmpty()
                .jsonPath("$.mode").isEqualTo("extractive");
    }
}
