package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.AppProperties;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole chat app (no chat model: extractive answers) on the demo space as the real batch job indexed it,
 * with three users: demo (every space, admin), alice (ENG) and bob (HR, a bcrypt password).
 * Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DemoSpaceAppTest {

    static final String PORT_QUESTION = "Which port does the local PostgreSQL from the local-stack Docker Compose file listen on?";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demoSpaceIndex(DynamicPropertyRegistry registry) {
        IngestedIndex index = IngestedIndex.demoSpace();
        AppProperties.index(registry, index.database(), index.chromaUrl(), index.collectionPrefix());
        AppProperties.user(registry, 0, "demo", "{noop}demo", "USER,ADMIN", "*");
        AppProperties.user(registry, 1, "alice", "{noop}alice-secret", "USER", "ENG");
        AppProperties.user(registry, 2, "bob", "{bcrypt}" + new BCryptPasswordEncoder().encode("bob-secret"), "USER", "HR");
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    WebTestClient.ResponseSpec ask(String user, String password, Map<String, ?> body) {
        return client().post().uri("/api/ask")
                .headers(h -> h.setBasicAuth(user, password))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static Map<String, Object> question(String text, List<String> spaces) {
        return spaces == null ? Map.of("question", text) : Map.of("question", text, "spaces", spaces);
    }
}
