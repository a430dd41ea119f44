package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.RateLimitException;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Embeds the snippets of a whole chunk of pages at once. The in-process model spreads one call over all cores
 * itself; a remote endpoint gets several requests in flight, each retried with backoff on rate limits (429)
 * and server errors.
 */
@Component
public class SnippetEmbedder implements AutoCloseable {

    private final ConfiguredEmbeddingModel embedding;
    private final EmbeddingProperties properties;
    private final ExecutorService requests;
    private final RetryTemplate retry;

    public SnippetEmbedder(ConfiguredEmbeddingModel embedding, EmbeddingProperties properties) {
        this.embedding = embedding;
        this.properties = properties;
        this.requests = Executors.newFixedThreadPool(properties.maxParallelRequests(),
                Thread.ofPlatform().name("embed-request-", 0).daemon(true).factory());
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(8)
                .delay(Duration.ofSeconds(1))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(60))
                .predicate(SnippetEmbedder::isTransient)
                .build());
    }

    /** Whether the model runs in this JVM (and then takes {@link #inferenceThreads()} cores), not behind an endpoint. */
    public boolean runsInProcess() {
        return embedding.identity().provider() == EmbeddingProvider.BGE_SMALL_IN_PROCESS;
    }

    /** Texts the in-process model embeds at once: one per inference thread ({@code assistant.embedding.threads}). */
    public int inferenceThreads() {
        return properties.inferenceThreads();
    }

    public List<Embedding> embed(List<Snippet> snippets) {
        if (snippets.isEmpty()) {
            return List.of();
        }
        List<TextSegment> texts = snippets.stream().map(s -> TextSegment.from(s.textForEmbedding())).toList();
        if (runsInProcess()) {
            return embedding.model().embedAll(texts).content();
        }
        return embedRemotely(texts);
    }

    private List<Embedding> embedRemotely(List<TextSegment> texts) {
        int batch = properties.requestBatchSize();
        List<CompletableFuture<List<Embedding>>> futures = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextSegment> part = texts.subList(from, Math.min(texts.size(), from + batch));
            futures.add(CompletableFuture.supplyAsync(() -> embedWithRetry(part), requests));
        }
        List<Embedding> all = new ArrayList<>(texts.size());
        futures.forEach(f -> all.addAll(f.join()));
        return all;
    }

    private List<Embedding> embedWithRetry(List<TextSegment> part) {
        try {
            return retry.execute(() -> embedding.model().embedAll(part).content());
        } catch (RetryException e) {
            throw new IllegalStateException("Embedding endpoint kept failing: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static boolean isTransient(Throwable e) {
        if (e instanceof RateLimitException) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("500") || message.contains("502") || message.contains("503") || message.contains("504")
                || e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException;
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
