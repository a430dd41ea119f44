package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.chat.AppProperties;
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
        AppProperties.index(registry, runs.database, infra.chroma().url(), runs.collectionPrefix);
        AppProperties.user(registry, 0, "demo", "{noop}demo", "USER,ADMIN", "*");
        AppProperties.user(registry, 1, "alice", "{noop}alice-secret", "USER", "*");
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
