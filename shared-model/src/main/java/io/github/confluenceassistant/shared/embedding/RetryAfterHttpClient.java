package io.github.confluenceassistant.shared.embedding;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP client under LangChain4j's OpenAI embedding model: a 429 (or 503) that says when to come back
 * ({@code retry-after-ms}, or {@code Retry-After} in seconds or as a date) is retried after exactly that pause,
 * up to {@code maxWaits} times; without such a header, or after that, the error goes to the caller's backoff.
 * LangChain4j's own client drops the response headers, so it cannot honour them.
 */
final class RetryAfterHttpClient implements HttpClient {

    private static final Logger log = LoggerFactory.getLogger(RetryAfterHttpClient.class);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final int maxWaits;

    RetryAfterHttpClient(Duration connectTimeout, Duration readTimeout, int maxWaits) {
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-HTTP endpoints
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout).build();
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        this.maxWaits = maxWaits;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        for (int waits = 0; ; waits++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                        .body(response.body()).build();
            }
            Optional<Duration> wait = (status == 429 || status == 503) ? retryAfter(response) : Optional.empty();
            if (wait.isEmpty() || waits >= maxWaits) {
                throw new HttpException(status, response.body());
            }
            log.info("Embedding endpoint answered {}; retrying after the {} ms it asked for", status, wait.get().toMillis());
            sleep(wait.get());
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("only used for embeddings, which do not stream");
    }

    private HttpResponse<String> send(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout)
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The pause a 429 asks for: {@code retry-after-ms}, else {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> millis = response.headers().firstValue("retry-after-ms");
        Optional<String> header = response.headers().firstValue("retry-after");
        try {
            if (millis.isPresent()) {
                return Optional.of(capped(Duration.ofMillis((long) Double.parseDouble(millis.get().trim()))));
            }
            if (header.isEmpty()) {
                return Optional.empty();
            }
            String value = header.get().trim();
            if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return Optional.of(capped(Duration.ofMillis((long) (Double.parseDouble(value) * 1000))));
            }
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(capped(Duration.between(ZonedDateTime.now(when.getZone()), when)));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration capped(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Builds the client with the model's timeouts. */
    static final class Builder implements HttpClientBuilder {

        private final int maxWaits;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(int maxWaits) {
            this.maxWaits = maxWaits;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new RetryAfterHttpClient(connectTimeout, readTimeout, maxWaits);
        }
    }
}
