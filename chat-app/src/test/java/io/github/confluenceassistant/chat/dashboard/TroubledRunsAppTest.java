package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * The whole chat app on the job repository of {@link JobRuns#missingBodiesThenFailed()}, with an admin (demo)
 * and a plain user (alice). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TroubledRunsAppTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void troubledRuns(DynamicPropertyRegistry registry) {
        JobRuns runs = JobRuns.missingBodiesThenFailed();
        TestInfrastructure infra = TestInfrastructure.shared();
        registry.add("spring.r2dbc.url", () -> infra.postgres().r2dbcUrl(runs.database));
        registry.add("spring.r2dbc.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.r2dbc.password", () -> EmbeddedPostgresServer.PASSWORD);
        registry.add("spring.datasource.url", () -> runs.jdbcUrl);
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> EmbeddedPostgresServer.PASSWORD);
        registry.add("assistant.chroma.url", () -> infra.chroma().url());
        registry.add("assistant.chroma.collection-prefix", () -> runs.collectionPrefix);
        registry.add("assistant.security.users[0].username", () -> "demo");
        registry.add("assistant.security.users[0].password", () -> "{noop}demo");
        registry.add("assistant.security.users[0].roles", () -> "USER,ADMIN");
        registry.add("assistant.security.users[0].spaces", () -> "*");
        registry.add("assistant.security.users[1].username", () -> "alice");
        registry.add("assistant.security.users[1].password", () -> "{noop}alice-secret");
        registry.add("assistant.security.users[1].roles", () -> "USER");
        registry.add("assistant.security.users[1].spaces", () -> "*");
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
