package io.github.confluenceassistant.chat.answer;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

import java.io.IOException;
import java.time.Duration;

/**
 * Retries chat model calls that failed for a passing reason: rate limited (429), server errors (5xx), timeouts,
 * a dropped connection. A rejected key or a bad request fails at once.
 */
final class ChatModelRetry {

    private static final Logger log = LoggerFactory.getLogger(ChatModelRetry.class);

    private ChatModelRetry() {
    }

    static RetryTemplate template(ChatModelProperties properties) {
        RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.maxRetries())
                .delay(properties.retryDelay())
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(30))
                .predicate(ChatModelRetry::isTransient)
                .build());
        retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
                log.warn("Chat model call failed for a transient reason; retrying");
            }
        });
        return retry;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof HttpException http && (http.statusCode() == 429 || http.statusCode() >= 500)) {
                return true;
            }
        }
        return false;
    }
}
