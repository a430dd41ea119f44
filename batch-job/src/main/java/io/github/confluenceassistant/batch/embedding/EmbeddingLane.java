package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Embeds pages while the step goes on reading, cleaning and splitting the next ones, and while the writer sends
 * earlier pages to Chroma: the model is never idle waiting for that work.
 *
 * <p>Two shapes, one per kind of model ({@link #forModel}):
 * <ul>
 *   <li><b>In-process</b> (BGE-small on ONNX): one worker per inference thread, each taking the next page and
 *   embedding its texts one after another on its own thread. No call waits for the slowest text of a batch while
 *   the other cores idle: with the model's own {@code embedAll} (one text per core, then a join) a page of four
 *   snippets on two cores left a core idle at the end of nearly every call.</li>
 *   <li><b>Remote</b> (an OpenAI-compatible endpoint): one worker takes every page waiting at that moment in one
 *   call, up to {@code maxBatchSnippets}, so requests stay large; {@link SnippetEmbedder} sends them in parallel.</li>
 * </ul>
 * A failed call fails the futures of its pages; the writer then embeds them itself, so retries and errors are
 * exactly those of {@link SnippetEmbedder#embed}.
 */
public class EmbeddingLane implements AutoCloseable {

    private record Request(List<Snippet> snippets, CompletableFuture<List<Embedding>> result) {
    }

    private final SnippetEmbedder embedder;
    private final int maxBatchSnippets;
    private final boolean oneTextPerCall;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers;
    private volatile boolean closed;

    private EmbeddingLane(SnippetEmbedder embedder, int workers, int maxBatchSnippets, boolean oneTextPerCall) {
        this.embedder = embedder;
        this.maxBatchSnippets = maxBatchSnippets;
        this.oneTextPerCall = oneTextPerCall;
        this.workers = IntStream.range(0, workers)
                .mapToObj(i -> Thread.ofPlatform().name("embedding-lane-" + i).daemon(true).start(this::run))
                .toList();
    }

    /** The shape that keeps this model busy: per-text workers in process, batched calls to an endpoint. */
    public static EmbeddingLane forModel(SnippetEmbedder embedder, int maxBatchSnippets) {
        return embedder.runsInProcess() ? inProcess(embedder, embedder.inferenceThreads())
                : batching(embedder, maxBatchSnippets);
    }

    /** {@code workers} threads, each embedding one page at a time, text by text, on its own thread. */
    public static EmbeddingLane inProcess(SnippetEmbedder embedder, int workers) {
        return new EmbeddingLane(embedder, workers, 1, true);
    }

    /** One thread embedding every page waiting at that moment in one call of up to {@code maxBatchSnippets}. */
    public static EmbeddingLane batching(SnippetEmbedder embedder, int maxBatchSnippets) {
        return new EmbeddingLane(embedder, 1, maxBatchSnippets, false);
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
            List<Request> batch;
            try {
                batch = takeBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (!batch.isEmpty()) {
                embed(batch);
            }
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("embedding lane closed"));
        }
    }

    /**
     * The first waiting request and those behind it while they fit in one batch (the first always does). Only a
     * batching lane, which has one worker, takes more than one; an in-process worker takes one page.
     */
    private List<Request> takeBatch() throws InterruptedException {
        Request first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Request> batch = new ArrayList<>(List.of(first));
        int snippets = first.snippets().size();
        for (Request next = queue.peek(); next != null && snippets + next.snippets().size() <= maxBatchSnippets;
             next = queue.peek()) {
            batch.add(queue.poll()); // the only worker of a batching lane: what it peeked is what it polls
            snippets += next.snippets().size();
        }
        return batch;
    }

    private void embed(List<Request> batch) {
        List<Snippet> all = batch.stream().flatMap(r -> r.snippets().stream()).toList();
        try {
            List<Embedding> embeddings = oneTextPerCall
                    ? all.stream().map(snippet -> embedder.embed(List.of(snippet)).getFirst()).toList()
                    : embedder.embed(all);
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
        workers.forEach(Thread::interrupt);
    }
}
