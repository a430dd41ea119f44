package io.github.confluenceassistant.bench.load;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGeneratorTest {

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(post(urlEqualTo("/api/ask")).withBasicAuth("demo", "secret")
                .withRequestBody(matchingJsonPath("$.question", equalTo("good")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"text\":\"Yes.\",\"answered\":true,\"citations\":[]}")));
        server.stubFor(post(urlEqualTo("/api/ask")).withBasicAuth("demo", "secret")
                .withRequestBody(matchingJsonPath("$.question", equalTo("failing")))
                .willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/api/ask")).withBasicAuth("demo", "secret")
                .withRequestBody(matchingJsonPath("$.question", equalTo("odd")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"other\":1}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void countsAnswersAndErrorsByKindWithinTheRequestBudget() throws InterruptedException {
        LoadGenerator load = generator(List.of(question("good"), question("failing"), question("odd"),
                question("good")));
        try {
            LoadGenerator.Result result = load.run(1, Duration.ofSeconds(30), 40);

            assertThat(result.requests()).isEqualTo(40);
            assertThat(result.errors()).isEqualTo(20); // one question in four fails, one in four is no answer
            assertThat(result.latenciesMillis()).hasSize(20).allSatisfy(ms -> assertThat(ms).isPositive());
            assertThat(result.errorKinds()).containsOnlyKeys("HTTP 503", "IllegalStateException");
            assertThat(result.errorKinds().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
            server.verify(40, postRequestedFor(urlEqualTo("/api/ask")));
        } finally {
            load.close();
        }
    }

    @Test
    void sendsTheConversationOfAFollowUp() throws InterruptedException {
        DatasetQuestion followUp = new DatasetQuestion("q2", "good",
                List.of(new DatasetQuestion.Turn("user", "Who approves deployments?"),
                        new DatasetQuestion.Turn("agent", "The on-call lead.")),
                List.of(), true, null);
        LoadGenerator load = generator(List.of(followUp));
        try {
            LoadGenerator.Result result = load.run(1, Duration.ofSeconds(30), 3);

            assertThat(result.errors()).isZero();
            server.verify(3, postRequestedFor(urlEqualTo("/api/ask"))
                    .withRequestBody(matchingJsonPath("$.conversation[0].speaker", equalTo("user")))
                    .withRequestBody(matchingJsonPath("$.conversation[1].text", equalTo("The on-call lead."))));
        } finally {
            load.close();
        }
    }

    @Test
    void sendsLoadToTheLoopbackAddressOnly() {
        assertThatThrownBy(() -> new LoadGenerator("http://example.com:8080", "demo", "secret",
                List.of(question("good")), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private LoadGenerator generator(List<DatasetQuestion> questions) {
        return new LoadGenerator("http://127.0.0.1:" + server.port(), "demo", "secret", questions, 2);
    }

    private static DatasetQuestion question(String text) {
        return new DatasetQuestion(text, text, List.of(), List.of(), true, null);
    }
}
