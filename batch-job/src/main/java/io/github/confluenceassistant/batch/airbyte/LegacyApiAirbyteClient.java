package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Airbyte's configuration API ({@code /api/v1}) of older self-hosted installs. "A sync is already running"
 * comes as 409, on early-2022 installs as 500: matched on the message, then the running job is joined, or, when
 * none is listed any more, the start is tried again after a pause. Other 5xx are retried like every call.
 */
class LegacyApiAirbyteClient implements AirbyteClient {

    private static final Logger log = LoggerFactory.getLogger(LegacyApiAirbyteClient.class);
    private static final String ALREADY_RUNNING = "A sync is already running";
    private static final int MAX_JOIN_ATTEMPTS = 5;

    private final WebClient http;
    private final AirbyteAuth auth;
    private final AirbyteProperties properties;
    private final HttpRetry retry;
    private final Duration pauseBeforeRestart;

    LegacyApiAirbyteClient(WebClient http, AirbyteAuth auth, AirbyteProperties properties, HttpRetry retry,
                           Duration pauseBeforeRestart) {
        this.http = http;
        this.auth = auth;
        this.properties = properties;
        this.retry = retry;
        this.pauseBeforeRestart = pauseBeforeRestart;
    }

    @Override
    public SyncJob startOrJoin(String connectionId) {
        for (int attempt = 1; attempt <= MAX_JOIN_ATTEMPTS; attempt++) {
            Optional<SyncJob> started = retry.call("Airbyte: start a sync", () -> startUnlessRunning(connectionId));
            if (started.isPresent()) {
                return started.get();
            }
            SyncJob running = newestRunningJob(connectionId);
            if (running != null) {
                log.info("A sync is already running for connection {}: joining Airbyte job {}", connectionId, running.id());
                return running;
            }
            log.info("Airbyte says a sync is running but lists none (it just ended?); starting again in {}", pauseBeforeRestart);
            sleep(pauseBeforeRestart);
        }
        throw new IllegalStateException("Could not start or join an Airbyte sync for connection " + connectionId
                + " after " + MAX_JOIN_ATTEMPTS + " attempts");
    }

    /**
     * Empty when Airbyte answers that a sync is already running: 409, or 500 on early-2022 installs, so matched on
     * the message. Any other error is left to the retry, as for every other call.
     */
    private Optional<SyncJob> startUnlessRunning(String connectionId) {
        try {
            return Optional.of(toJob(post("/connections/sync", Map.of("connectionId", connectionId))));
        } catch (WebClientResponseException e) {
            if (e.getResponseBodyAsString().contains(ALREADY_RUNNING)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public SyncJob get(long jobId) {
        return retry.call("Airbyte: read job " + jobId, () -> toJob(post("/jobs/get", Map.of("id", jobId))));
    }

    private SyncJob newestRunningJob(String connectionId) {
        JsonNode list = retry.call("Airbyte: list jobs", () -> post("/jobs/list",
                Map.of("configTypes", List.of("sync"), "configId", connectionId)));
        SyncJob newest = null;
        for (JsonNode item : list.path("jobs")) {
            SyncJob job = toJob(item);
            if (!job.isTerminal() && (newest == null || job.id() > newest.id())) {
                newest = job;
            }
        }
        return newest;
    }

    private JsonNode post(String path, Object body) {
        Supplier<JsonNode> request = () -> http.post().uri(properties.url().replaceAll("/+$", "") + path)
                .headers(auth::apply)
                .bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout());
        try {
            return request.get();
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() != 401) {
                throw e;
            }
            auth.invalidate();
            return request.get();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static SyncJob toJob(JsonNode response) {
        JsonNode job = response.has("job") ? response.get("job") : response;
        JsonNode committed = job.path("aggregatedStats").get("recordsCommitted");
        return new SyncJob(job.get("id").asLong(), job.path("status").asText(),
                committed == null || committed.isNull() ? null : committed.asLong());
    }
}
