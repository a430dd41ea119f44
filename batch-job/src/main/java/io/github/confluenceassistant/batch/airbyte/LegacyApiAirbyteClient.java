package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Airbyte's configuration API ({@code /api/v1}) of older self-hosted installs. "A sync is already running"
 * comes as 409, on early-2022 installs as 500: matched on the message, then the running job is joined, or, when
 * none is listed any more, the start is tried again after a pause. Other 5xx are retried like every call.
 */
class LegacyApiAirbyteClient extends JoiningAirbyteClient {

    private static final String ALREADY_RUNNING = "A sync is already running";

    private final WebClient http;
    private final AirbyteProperties properties;

    LegacyApiAirbyteClient(WebClient http, AirbyteAuth auth, AirbyteProperties properties, HttpRetry retry,
                           Duration pauseBeforeRestart) {
        super(auth, retry, pauseBeforeRestart);
        this.http = http;
        this.properties = properties;
    }

    /**
     * Empty when Airbyte answers that a sync is already running: 409, or 500 on early-2022 installs, so matched on
     * the message before the retry sees it. Any other error is left to the retry, as for every other call.
     */
    @Override
    protected Optional<SyncJob> tryStart(String connectionId) {
        return call("start a sync", () -> {
            try {
                return Optional.of(toJob(post("/connections/sync", Map.of("connectionId", connectionId))));
            } catch (WebClientResponseException e) {
                if (e.getResponseBodyAsString().contains(ALREADY_RUNNING)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public SyncJob get(long jobId) {
        return call("read job " + jobId, () -> toJob(post("/jobs/get", Map.of("id", jobId))));
    }

    @Override
    protected Optional<SyncJob> newestRunningJob(String connectionId) {
        JsonNode list = call("list jobs", () -> post("/jobs/list",
                Map.of("configTypes", List.of("sync"), "configId", connectionId)));
        SyncJob newest = null;
        for (JsonNode item : list.path("jobs")) {
            SyncJob job = toJob(item);
            if (!job.isTerminal() && (newest == null || job.id() > newest.id())) {
                newest = job;
            }
        }
        return Optional.ofNullable(newest);
    }

    private JsonNode post(String path, Object body) {
        return http.post().uri(properties.url().replaceAll("/+$", "") + path)
                .headers(auth()::apply)
                .bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class).block(properties.requestTimeout());
    }

    static SyncJob toJob(JsonNode response) {
        JsonNode job = response.has("job") ? response.get("job") : response;
        JsonNode committed = job.path("aggregatedStats").get("recordsCommitted");
        return new SyncJob(job.get("id").asLong(), job.path("status").asText(),
                committed == null || committed.isNull() ? null : committed.asLong());
    }
}
