package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Embeds pages while the step goes on reading, cleaning and splitting the next ones, and while the writer sends
 * earlier pages to Chroma: the model (which takes every core itself) is never idle waiting for that work.
 *
 * <p>One thread takes the pages as they come and embeds every page waiting at that moment in one call, up to
 * {@code maxBatchSnippets}, so the model still gets large batches. A failed call fails the futures of its pages;
 * the writer then embeds them itself, so retries and errors are exactly those of {@link SnippetEmbedder#embed}.
 */
public class EmbeddingLane implements AutoCloseable {

    private record Request(List<Snippet> snippets, CompletableFuture<List<Embedding>> result) {
    }

    private final SnippetEmbedder embedder;
    private final int maxBatchSnippets;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public EmbeddingLane(SnippetEmbedder embedder, int maxBatchSnippets) {
        this.embedder = embedder;
        this.maxBatchSnippets = maxBatchSnippets;
        this.thread = Thread.ofPlatform().name("embedding-lane").daemon(true).start(this::run);
    }

    /** The embeddings of these snippets, in their order, once the lane has come to them. */
    public CompletableFuture<List<Embedding>> submit(List<Snippet> snippets) {
        if (snippets.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("embedding lane closed"));
        }
        Request request = new Request(List.copyOf(snippets), new CompletableFuture<>());
        queue.add(request);
        return request.result();
    }

    private void run() {
        while (!closed) {
            Request first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first != null) {
                embed(takeBatch(first));
            }
        }
        queue.forEach(r -> r.result().completeExceptionally(new IllegalStateException("embedding lane closed")));
    }

    /** The first request and those waiting behind it, while they fit in one batch (the first always does). */
    private List<Request> takeBatch(Request first) {
        List<Request> batch = new ArrayList<>(List.of(first));
        int snippets = first.snippets().size();
        for (Request next = queue.peek(); next != null && snippets + next.snippets().size() <= maxBatchSnippets;
             next = queue.peek()) {
            batch.add(queue.poll()); // the only consumer: what it peeked is what it polls
            snippets += next.snippets().size();
        }
        return batch;
    }

    private void embed(List<Request> batch) {
        List<Snippet> all = batch.stream().flatMap(r -> r.snippets().stream()).toList();
        try {
            List<Embedding> embeddings = embedder.embed(all);
            int from = 0;
            for (Request request : batch) {
                int to = from + request.snippets().size();
                request.result().complete(List.copyOf(embeddings.subList(from, to)));
                from = to;
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
