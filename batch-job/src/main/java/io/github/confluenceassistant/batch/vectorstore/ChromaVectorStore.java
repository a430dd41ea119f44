package io.github.confluenceassistant.batch.vectorstore;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import java.time.Duration;
import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * The collection's snippets in Chroma, through LangChain4j's store: page-wise replace and delete, in batches
 * within the server's {@code max_batch_size}, retried with backoff so that a Chroma restart of a few seconds
 * does not fail the run. A longer outage fails the step; restarting the job resumes it.
 */
public class ChromaVectorStore implements ChromaSnippetWriter.VectorStoreOperations {

    private static final Logger log = LoggerFactory.getLogger(ChromaVectorStore.class);
    /** Page ids per delete-by-filter request; keeps the where clause small. */
    private static final int PAGES_PER_DELETE = 200;

    private final EmbeddingStore<TextSegment> store;
    private final int maxBatchSize;
    private final RetryTemplate retry;

    public ChromaVectorStore(EmbeddingStore<TextSegment> store, int maxBatchSize, Duration retryFor) {
        this.store = store;
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
    public void replacePages(List<String> pageIds, List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        deletePages(pageIds);
        for (int from = 0; from < ids.size(); from += maxBatchSize) {
            int to = Math.min(ids.size(), from + maxBatchSize);
            List<String> batchIds = ids.subList(from, to);
            List<Embedding> batchEmbeddings = embeddings.subList(from, to);
            List<TextSegment> batchSegments = segments.subList(from, to);
            withRetry("add " + batchIds.size() + " snippets", () -> store.addAll(batchIds, batchEmbeddings, batchSegments));
        }
    }

    @Override
    public void deletePages(List<String> pageIds) {
        for (int from = 0; from < pageIds.size(); from += PAGES_PER_DELETE) {
            List<String> batch = List.copyOf(pageIds.subList(from, Math.min(pageIds.size(), from + PAGES_PER_DELETE)));
            withRetry("delete snippets of " + batch.size() + " pages",
                    () -> store.removeAll(metadataKey(SnippetMetadata.PAGE_ID).isIn(batch)));
        }
    }

    EmbeddingStore<TextSegment> store() {
        return store;
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
