package io.github.confluenceassistant.bench.ingest;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.confluenceassistant.bench.metrics.Throughput;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling for the job's throughput: the same embedding model, on the same texts the job embedded (each
 * snippet's {@link Snippet#textForEmbedding()}, read back from {@code assistant.ingest_snippet}), in the same
 * batches (the snippets of one chunk of pages per {@code embedAll} call, pages in the job's reading order), and
 * nothing else: no reading, cleaning, splitting, writing or transactions.
 */
public final class EmbeddingLimit {

    private EmbeddingLimit() {
    }

    /** The texts the job embedded, one list per chunk of {@code pagesPerChunk} pages. */
    public static List<List<TextSegment>> textsInJobChunks(JdbcTemplate jdbc, String collection, int pagesPerChunk) {
        List<List<TextSegment>> chunks = new ArrayList<>();
        List<TextSegment> chunk = new ArrayList<>();
        String[] lastPage = {null};
        int[] pagesInChunk = {0};
        jdbc.query("""
                select id, page_id, space_key, content_type, title, url, section, breadcrumb, page_version,
                       last_modified, chunk_index, text
                from assistant.ingest_snippet where collection = ?
                order by page_id collate "C", chunk_index""", rs -> {
            String pageId = rs.getString("page_id");
            if (!pageId.equals(lastPage[0])) {
                if (pagesInChunk[0] == pagesPerChunk) {
                    chunks.add(List.copyOf(chunk));
                    chunk.clear();
                    pagesInChunk[0] = 0;
                }
                pagesInChunk[0]++;
                lastPage[0] = pageId;
            }
            Snippet snippet = new Snippet(rs.getString("id"), pageId, rs.getString("space_key"),
                    rs.getString("content_type"), rs.getString("title"), rs.getString("url"), rs.getString("section"),
                    rs.getString("breadcrumb"), rs.getInt("page_version"), rs.getTimestamp("last_modified").toInstant(),
                    rs.getInt("chunk_index"), rs.getString("text"));
            chunk.add(TextSegment.from(snippet.textForEmbedding()));
        }, collection);
        if (!chunk.isEmpty()) {
            chunks.add(List.copyOf(chunk));
        }
        return chunks;
    }

    /** Embeds every chunk once, after one small warm-up call (the job's first chunk pays for that inside its step). */
    public static Throughput measure(EmbeddingModel model, List<List<TextSegment>> chunks) {
        model.embed("warm-up");
        long start = System.nanoTime();
        long snippets = 0;
        for (List<TextSegment> chunk : chunks) {
            snippets += model.embedAll(chunk).content().size();
        }
        return new Throughput(snippets, Duration.ofNanos(System.nanoTime() - start));
    }
}
