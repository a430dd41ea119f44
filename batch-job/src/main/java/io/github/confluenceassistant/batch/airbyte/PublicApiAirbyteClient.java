package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Airbyte's public API ({@code /api/public/v1} self-hosted, {@code api.airbyte.com/v1} on Cloud).
 * A start answered with 409 "try-again-later" joins the sync already running for the connection; any other 409
 * (a "state-conflict") with no sync running is an error.
 */
class PublicApiAirbyteClient extends JoiningAirbyteClient {

    private final WebClient http;
    private final AirbyteProperties properties;

    PublicApiAirbyteClient(WebClient http, AirbyteAuth auth, AirbyteProperties properties, HttpRetry retry,
                           Duration pauseBeforeRestart) {
        super(auth, retry, pauseBeforeRestart);
        this.http = http;
        this.properties = properties;
    }

    @Override
    protected Optional<SyncJob> tryStart(String connectionId) {
        try {
            return Optional.of(toJob(call("start a sync", () -> http.post().uri(base() + "/jobs")
                    .headers(auth()::apply)
                    .bodyValue(Map.of("connectionId", connectionId, "jobType", "sync"))
                    .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout()))));
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                throw e;
            }
            String title = problemTitle(e);
            if (!"try-again-later".equals(title) && newestRunningJob(connectionId).isEmpty()) {
                throw new IllegalStateException("Airbyte refused to start a sync (409 " + title + "): "
                        + e.getResponseBodyAsString());
            }
            return Optional.empty();
        }
    }

    @Override
    public SyncJob get(long jobId) {
        return toJob(call("read job " + jobId, () -> http.get().uri(base() + "/jobs/{id}", jobId)
                .headers(auth()::apply)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout())));
    }

    @Override
    protected Optional<SyncJob> newestRunningJob(String connectionId) {
        JsonNode page = call("list jobs", () -> http.get()
                .uri(base() + "/jobs?connectionId={c}&jobType=sync&orderBy=createdAt|DESC&limit=5", connectionId)
                .headers(auth()::apply)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout()));
        if (page == null) {
            return Optional.empty();
        }
        for (JsonNode node : page.path("data")) {
            SyncJob job = toJob(node);
            if (!job.isTerminal()) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
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
}
