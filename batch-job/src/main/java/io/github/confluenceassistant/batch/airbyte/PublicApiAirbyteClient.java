package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Airbyte's public API ({@code /api/public/v1} self-hosted, {@code api.airbyte.com/v1} on Cloud).
 * A start answered with 409 "try-again-later" joins the sync already running for the connection.
 */
class PublicApiAirbyteClient implements AirbyteClient {

    private static final Logger log = LoggerFactory.getLogger(PublicApiAirbyteClient.class);
    private static final int MAX_JOIN_ATTEMPTS = 5;

    private final WebClient http;
    private final AirbyteAuth auth;
    private final AirbyteProperties properties;
    private final HttpRetry retry;
    private final Duration pauseBeforeRestart;

    PublicApiAirbyteClient(WebClient http, AirbyteAuth auth, AirbyteProperties properties, HttpRetry retry,
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
            try {
                return toJob(authenticated("start a sync", () -> http.post().uri(base() + "/jobs")
                        .headers(auth::apply)
                        .bodyValue(Map.of("connectionId", connectionId, "jobType", "sync"))
                        .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout())));
            } catch (WebClientResponseException e) {
                if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                    throw e;
                }
                String title = problemTitle(e);
                SyncJob running = newestRunningJob(connectionId);
                if (running != null) {
                    log.info("A sync is already running for connection {}: joining Airbyte job {}", connectionId, running.id());
                    return running;
                }
                if (!"try-again-later".equals(title)) {
                    throw new IllegalStateException("Airbyte refused to start a sync (409 " + title + "): "
                            + e.getResponseBodyAsString());
                }
                log.info("Airbyte answered 409 but no sync is running any more; starting again in {}", pauseBeforeRestart);
                sleep(pauseBeforeRestart);
            }
        }
        throw new IllegalStateException("Could not start or join an Airbyte sync for connection " + connectionId
                + " after " + MAX_JOIN_ATTEMPTS + " attempts");
    }

    @Override
    public SyncJob get(long jobId) {
        return toJob(authenticated("read job " + jobId, () -> http.get().uri(base() + "/jobs/{id}", jobId)
                .headers(auth::apply)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout())));
    }

    private SyncJob newestRunningJob(String connectionId) {
        JsonNode page = authenticated("list jobs", () -> http.get()
                .uri(base() + "/jobs?connectionId={c}&jobType=sync&orderBy=createdAt|DESC&limit=5", connectionId)
                .headers(auth::apply)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout()));
        if (page == null) {
            return null;
        }
        for (JsonNode node : page.path("data")) {
            SyncJob job = toJob(node);
            if (!job.isTerminal()) {
                return job;
            }
        }
        return null;
    }

    /** Retries transient failures; on a 401 gets a new token once. */
    private <T> T authenticated(String what, Supplier<T> request) {
        return retry.call("Airbyte: " + what, () -> {
            try {
                return request.get();
            } catch (WebClientResponseException e) {
                if (e.getStatusCode().value() != 401) {
                    throw e;
                }
                auth.invalidate();
                return request.get();
            }
        });
    }

    static SyncJob toJob(JsonNode node) {
        if (node == null) {
            throw new IllegalStateException("Airbyte returned no job");
        }
        JsonNode id = node.hasNonNull("jobId") ? node.get("jobId") : node.get("id"); // the spec's examples say "id"
        JsonNode rows = node.get("rowsSynced");
        return new SyncJob(id.asLong(), node.path("status").asText(), rows == null || rows.isNull() ? null : rows.asLong());
    }

    private static String problemTitle(WebClientResponseException e) {
        String body = e.getResponseBodyAsString();
        if (body.contains("state-conflict")) {
            return "state-conflict";
        }
        return body.contains("try-again-later") || body.contains("already running") ? "try-again-later" : "conflict";
    }

    private String base() {
        return properties.url().replaceAll("/+$", "");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
