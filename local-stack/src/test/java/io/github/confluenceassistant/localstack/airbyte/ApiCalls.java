package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/** HTTP calls against the stand-in as a client would make them, with JSON answers. */
final class ApiCalls {

    record Answer(int status, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Duration timeout;

    ApiCalls(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    ApiCalls(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    Answer post(String path, String body, String authorization) throws IOException, InterruptedException {
        return send(request(path, authorization).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(String path, String authorization) throws IOException, InterruptedException {
        return send(request(path, authorization).GET());
    }

    Answer delete(String path, String authorization) throws IOException, InterruptedException {
        return send(request(path, authorization).DELETE());
    }

    /** Fetches an application token from the public API and returns the Authorization header value. */
    String bearer(String clientId, String clientSecret) throws IOException, InterruptedException {
        Answer answer = post("/applications/token", """
                {"client_id": "%s", "client_secret": "%s", "grant-type": "client_credentials"}"""
                .formatted(clientId, clientSecret), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("No token: " + answer);
        }
        return "Bearer " + answer.body().path("access_token").asString();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    /** Repeats the GET until the answer passes or 15 seconds are up. */
    Answer pollUntil(String path, String authorization, Predicate<Answer> done)
            throws IOException, InterruptedException {
        return pollUntil(() -> get(path, authorization), done);
    }

    Answer pollUntil(Call call, Predicate<Answer> done) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        Answer answer = call.make();
        while (!done.test(answer) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            answer = call.make();
        }
        return answer;
    }

    interface Call {
        Answer make() throws IOException, InterruptedException;
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.missingNode()
                : JSON.readTree(response.body()));
    }
}
