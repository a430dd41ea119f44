package io.github.confluenceassistant.batch.vectorstore;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.batch.embedding.EmbeddingsAhead;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.batch.state.PageStateRepository;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk of pages: collects their vectors (embedded ahead by {@link EmbeddingsAhead} while the step read
 * and split the chunk), replaces the pages' snippets in Chroma group by group as their vectors arrive (delete by
 * page id, then add; the embedding lane goes on with the next pages meanwhile), then records the pages in the
 * state table inside the chunk's transaction.
 *
 * <p>Why this order survives a crash at any point: Chroma is written first and idempotently (delete by page,
 * deterministic ids), the state table last and transactionally with the step's restart point. A restart redoes
 * exactly the chunk that did not commit, and its delete removes whatever half of it reached Chroma. A page that
 * is not written again after the crash (gone from the source, or skipped) is still named in
 * {@code ingest_pending_page}, noted before its snippets went to Chroma; the prune step removes them.
 */
public class ChromaSnippetWriter implements ItemStreamWriter<PageSnippets> {

    /**
     * Step context keys: milliseconds this step's writer spent waiting for vectors (embedding not yet hidden
     * behind reading and writing), writing Chroma, writing the state tables.
     */
    public static final String EMBED_MS_KEY = "writer.embed-ms";
    public static final String CHROMA_MS_KEY = "writer.chroma-ms";
    public static final String STATE_MS_KEY = "writer.state-ms";

    /** Snippets sent to Chroma at a time within a chunk, so writing overlaps the embedding of later pages. */
    static final int CHROMA_GROUP_SNIPPETS = 32;

    private final EmbeddingsAhead embeddings;
    private final VectorStoreOperations chroma;
    private final PageStateRepository state;
    private final String collection;
    private final Long jobExecutionId;
    private long embedNanos;
    private long chromaNanos;
    private long stateNanos;

    public ChromaSnippetWriter(EmbeddingsAhead embeddings, VectorStoreOperations chroma, PageStateRepository state,
                               String collection, Long jobExecutionId) {
        this.embeddings = embeddings;
        this.chroma = chroma;
        this.state = state;
        this.collection = collection;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends PageSnippets> chunk) {
        List<PageSnippets> pages = List.copyOf(chunk.getItems());
        if (pages.isEmpty()) {
            return;
        }
        List<PageSnippets> group = new ArrayList<>();
        List<Embedding> groupEmbeddings = new ArrayList<>();
        for (PageSnippets page : pages) {
            long waiting = System.nanoTime();
            groupEmbeddings.addAll(embeddings.embeddingsOf(page));
            embedNanos += System.nanoTime() - waiting;
            group.add(page);
            if (groupEmbeddings.size() >= CHROMA_GROUP_SNIPPETS) {
                replaceInChroma(group, groupEmbeddings);
                group.clear();
                groupEmbeddings.clear();
            }
        }
        if (!group.isEmpty()) {
            replaceInChroma(group, groupEmbeddings);
        }
        long written = System.nanoTime();
        state.saveWritten(collection, pages, jobExecutionId);
        stateNanos += System.nanoTime() - written;
    }

    private void replaceInChroma(List<PageSnippets> pages, List<Embedding> embeddings) {
        long noting = System.nanoTime();
        state.notePending(collection, pages); // before Chroma: a crash after this leaves a trace for the prune step
        stateNanos += System.nanoTime() - noting;
        long start = System.nanoTime();
        chroma.replacePages(pages.stream().map(p -> p.page().id()).toList(),
                pages.stream().flatMap(p -> p.snippets().stream()).toList(), embeddings);
        chromaNanos += System.nanoTime() - start;
    }

    /** Where the step's time went, kept with its restart point (a restart adds to the figures of the failed run). */
    @Override
    public void open(ExecutionContext context) {
        embedNanos = context.getLong(EMBED_MS_KEY, 0) * 1_000_000;
        chromaNanos = context.getLong(CHROMA_MS_KEY, 0) * 1_000_000;
        stateNanos = context.getLong(STATE_MS_KEY, 0) * 1_000_000;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(EMBED_MS_KEY, embedNanos / 1_000_000);
        context.putLong(CHROMA_MS_KEY, chromaNanos / 1_000_000);
        context.putLong(STATE_MS_KEY, stateNanos / 1_000_000);
    }

    /** The two Chroma operations the writer and the pruner need, with retries; see {@link ChromaVectorStore}. */
    public interface VectorStoreOperations {
        /** Deletes the pages' snippets, then adds these (the pages' new snippets, in order, with their vectors). */
        void replacePages(List<String> pageIds, List<Snippet> snippets, List<Embedding> embeddings);

        void deletePages(List<String> pageIds);
    }
}
