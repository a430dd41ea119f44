package io.github.confluenceassistant.batch.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one retry mechanism for the job's HTTP calls (Spring's {@link RetryTemplate}): connection failures,
 * timeouts, 5xx and 429 are retried with exponential backoff; a 429's {@code Retry-After} is waited out first.
 * Everything else (4xx) fails at once.
 */
public final class HttpRetry {

    private static final Logger log = LoggerFactory.getLogger(HttpRetry.class);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private final RetryTemplate retry;
    private final Predicate<WebClientResponseException> alsoTransient;

    public HttpRetry(int maxRetries, Duration firstDelay) {
        this(maxRetries, firstDelay, e -> false);
    }

    /** @param alsoTransient extra statuses to retry, e.g. Confluence Data Center's 403 throttling */
    public HttpRetry(int maxRetries, Duration firstDelay, Predicate<WebClientResponseException> alsoTransient) {
        this.alsoTransient = alsoTransient;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxRetries)
                .delay(firstDelay)
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(30))
                .predicate(this::isTransient)
                .build());
    }

    public <T> T call(String what, Supplier<T> request) {
        try {
            return retry.execute(() -> {
                try {
                    return request.get();
                } catch (WebClientResponseException e) {
                    waitOutRetryAfter(what, e);
                    throw e;
                }
            });
        } catch (RetryException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }

    public boolean isTransient(Throwable e) {
        if (e instanceof WebClientRequestException) {
            return true;
        }
        if (e instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == 429 || status >= 500 || alsoTransient.test(response);
        }
        return e.getCause() instanceof java.util.concurrent.TimeoutException || e instanceof java.util.concurrent.TimeoutException
                || (e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("Timeout on blocking read"));
    }

    private void waitOutRetryAfter(String what, WebClientResponseException e) {
        if (e.getStatusCode().value() != 429 && !alsoTransient.test(e)) {
            return;
        }
        String header = e.getHeaders().getFirst("Retry-After");
        Duration wait = parseRetryAfter(header);
        log.warn("{}: throttled ({}), waiting {} before retrying", what, e.getStatusCode().value(), wait);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration seconds = Duration.ofSeconds(Long.parseLong(header.trim()));
            return seconds.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : seconds;
        } catch (NumberFormatException httpDate) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : until;
            } catch (java.time.format.DateTimeParseException unreadable) {
                return Duration.ofSeconds(1);
            }
        }
    }
}
