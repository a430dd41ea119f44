package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.batch.confluence.SourcePage;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.infrastructure.item.Chunk;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One page step's embeddings started ahead: each processed page is handed to the {@link EmbeddingLane} as soon
 * as it is split, and the writer collects its vectors when it writes the chunk. A page the writer finds no
 * vectors for (a chunk written again item by item after an error), or whose embedding failed, is embedded by the
 * writer itself, as without this. Nothing here outlives a chunk: a failed chunk's leftovers are dropped.
 */
public class EmbeddingsAhead implements ItemProcessListener<SourcePage, PageSnippets>, ChunkListener<SourcePage, PageSnippets> {

    private final EmbeddingLane lane;
    private final SnippetEmbedder embedder;
    private final Map<PageSnippets, CompletableFuture<List<Embedding>>> started =
            Collections.synchronizedMap(new IdentityHashMap<>());
    /** Pages of the next chunk started by {@link NextPagesAhead}: kept across the chunk's end. */
    private final Map<PageSnippets, CompletableFuture<List<Embedding>>> nextChunk =
            Collections.synchronizedMap(new IdentityHashMap<>());

    public EmbeddingsAhead(EmbeddingLane lane, SnippetEmbedder embedder) {
        this.lane = lane;
        this.embedder = embedder;
    }

    @Override
    public void afterProcess(SourcePage source, PageSnippets page) {
        if (page != null && !page.snippets().isEmpty()) {
            CompletableFuture<List<Embedding>> ahead = nextChunk.remove(page);
            started.put(page, ahead != null ? ahead : lane.submit(page.snippets()));
        }
    }

    /** Starts a page of the next chunk; its chunk takes the vectors over when it processes the page. */
    void startAhead(PageSnippets page) {
        if (!page.snippets().isEmpty()) {
            nextChunk.put(page, lane.submit(page.snippets()));
        }
    }

    /** Forgets the pages started ahead that no chunk took over. */
    void dropAhead() {
        nextChunk.clear();
    }

    /** The page's vectors, in the order of its snippets: from the lane, or embedded now. */
    public List<Embedding> embeddingsOf(PageSnippets page) {
        CompletableFuture<List<Embedding>> ahead = started.remove(page);
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException | CancellationException e) {
                // embedded again below: the embedder's own retries decide whether this is transient
            }
        }
        return embedder.embed(page.snippets());
    }

    @Override
    public void onChunkError(Exception exception, Chunk<PageSnippets> chunk) {
        started.clear();
    }

    @Override
    public void afterChunk(Chunk<PageSnippets> chunk) {
        started.clear();
    }
}
