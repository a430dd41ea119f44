package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What both Airbyte APIs share: start a sync; when Airbyte answers that one is already running, join the newest
 * running job of the connection; when it lists none any more (it just ended), start again after a pause. Every
 * call is retried on transient errors and gets a new token once on a 401.
 */
abstract class JoiningAirbyteClient implements AirbyteClient {

    private static final Logger log = LoggerFactory.getLogger(JoiningAirbyteClient.class);
    private static final int MAX_JOIN_ATTEMPTS = 5;

    private final AirbyteAuth auth;
    private final HttpRetry retry;
    private final Duration pauseBeforeRestart;

    JoiningAirbyteClient(AirbyteAuth auth, HttpRetry retry, Duration pauseBeforeRestart) {
        this.auth = auth;
        this.retry = retry;
        this.pauseBeforeRestart = pauseBeforeRestart;
    }

    @Override
    public final SyncJob startOrJoin(String connectionId) {
        for (int attempt = 1; attempt <= MAX_JOIN_ATTEMPTS; attempt++) {
            Optional<SyncJob> started = tryStart(connectionId);
            if (started.isPresent()) {
                return started.get();
            }
            Optional<SyncJob> running = newestRunningJob(connectionId);
            if (running.isPresent()) {
                log.info("A sync is already running for connection {}: joining Airbyte job {}", connectionId,
                        running.get().id());
                return running.get();
            }
            log.info("Airbyte says a sync is running but lists none (it just ended?); starting again in {}",
                    pauseBeforeRestart);
            sleep(pauseBeforeRestart);
        }
        throw new IllegalStateException("Could not start or join an Airbyte sync for connection " + connectionId
                + " after " + MAX_JOIN_ATTEMPTS + " attempts");
    }

    /** Starts a sync; empty when Airbyte answers that one is already running for the connection. */
    protected abstract Optional<SyncJob> tryStart(String connectionId);

    /** The newest job of the connection that has not ended. */
    protected abstract Optional<SyncJob> newestRunningJob(String connectionId);

    /** A call to Airbyte, retried on transient errors, with a new token once on a 401. */
    protected final <T> T call(String what, Supplier<T> request) {
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

    protected final AirbyteAuth auth() {
        return auth;
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
