package io.github.confluenceassistant.batch.vectorstore;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The collection's snippet vectors in Chroma (ids, vectors and {@link SnippetMetadata}; the texts are in
 * PostgreSQL): page-wise replace and delete, in batches
 * within the server's {@code max_batch_size}, retried with backoff so that a Chroma restart of a few seconds
 * does not fail the run. A longer outage fails the step; restarting the job resumes it.
 */
public class ChromaVectorStore implements ChromaSnippetWriter.VectorStoreOperations {

    private static final Logger log = LoggerFactory.getLogger(ChromaVectorStore.class);
    /** Page ids per delete-by-filter request; keeps the where clause small. */
    private static final int PAGES_PER_DELETE = 200;

    private final ChromaCollections chroma;
    private final String collectionId;
    private final int maxBatchSize;
    private final RetryTemplate retry;

    public ChromaVectorStore(ChromaCollections chroma, String collectionId, int maxBatchSize, Duration retryFor) {
        this.chroma = chroma;
        this.collectionId = collectionId;
        this.maxBatchSize = maxBatchSize;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(Long.MAX_VALUE)
                .timeout(retryFor)
                .delay(Duration.ofMillis(500))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(10))
                .build());
        this.retry.setRetryListener(new org.springframework.core.retry.RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, org.springframework.core.retry.Retryable<?> retryable) {
                log.warn("Chroma request failed; retrying");
            }
        });
    }

    @Override
    public void replacePages(List<String> pageIds, List<Snippet> snippets, List<Embedding> embeddings) {
        deletePages(pageIds);
        for (int from = 0; from < snippets.size(); from += maxBatchSize) {
            List<Snippet> batch = snippets.subList(from, Math.min(snippets.size(), from + maxBatchSize));
            List<float[]> vectors = embeddings.subList(from, from + batch.size()).stream().map(Embedding::vector).toList();
            withRetry("add " + batch.size() + " snippets", () -> chroma.add(collectionId,
                    batch.stream().map(Snippet::id).toList(), vectors, batch.stream().map(SnippetMetadata::of).toList()));
        }
    }

    @Override
    public void deletePages(List<String> pageIds) {
        for (int from = 0; from < pageIds.size(); from += PAGES_PER_DELETE) {
            List<String> batch = List.copyOf(pageIds.subList(from, Math.min(pageIds.size(), from + PAGES_PER_DELETE)));
            withRetry("delete snippets of " + batch.size() + " pages", () -> chroma.deleteRecords(collectionId,
                    Map.of(SnippetMetadata.PAGE_ID, Map.of("$in", batch))));
        }
    }

    private void withRetry(String what, Runnable action) {
        try {
            retry.execute(() -> {
                action.run();
                return null;
            });
        } catch (RetryException e) {
            throw new IllegalStateException("Chroma: could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
