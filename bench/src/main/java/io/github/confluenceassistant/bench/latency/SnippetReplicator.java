package io.github.confluenceassistant.bench.latency;

import io.github.confluenceassistant.bench.ChromaRecords;
import io.github.confluenceassistant.bench.ChromaRecords.ChromaRecord;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Grows an index the job built to a given size without embedding anything again: copy r of each snippet gets the
 * id and page id suffixed {@code ~r<r>} (so copies count as other pages), the same text (so the keyword index grows
 * with real words), and the snippet's vector with a little seeded Gaussian noise, normalised again (so the vector
 * index holds distinct points near real ones, at cosine ~0.98 to their original, rather than exact duplicates).
 * Written to Chroma and to {@code assistant.ingest_snippet}, the two places a search reads.
 */
final class SnippetReplicator {

    static final String COPY_MARK = "~r";
    private static final double NOISE_PER_DIMENSION = 0.01;
    private static final int MAX_BATCH = 1000;

    private SnippetReplicator() {
    }

    /** @return the snippets the collection holds afterwards */
    static int replicate(JdbcTemplate jdbc, ChromaProperties chroma, String collection, int target, long seed,
                         Progress progress) {
        ChromaRecords records = new ChromaRecords(chroma);
        List<ChromaRecord> originals = new ArrayList<>(records.list(collection, true));
        originals.sort(Comparator.comparing(ChromaRecord::id)); // the order of the SQL copy below (collate "C")
        int base = originals.size();
        int copies = target - base;
        if (base == 0 || copies <= 0) {
            return base;
        }
        int rounds = (copies + base - 1) / base;
        progress.say("Replicating " + base + " snippets to " + target + " (" + rounds + " rounds of copies)…");
        copyRows(jdbc, collection, rounds, copies);
        jdbc.execute("analyze assistant.ingest_snippet"); // as the job does after a run: keyword search reads the statistics

        String collectionId = records.collectionId(collection);
        int batch = Math.min(MAX_BATCH, new ChromaCollections(WebClient.builder(), chroma).maxBatchSize());
        Random random = new Random(seed);
        List<ChromaRecord> pending = new ArrayList<>(batch);
        int written = 0;
        for (int round = 1; round <= rounds && written < copies; round++) {
            for (ChromaRecord original : originals) {
                if (written == copies) {
                    break;
                }
                pending.add(copy(original, round, random));
                written++;
                if (pending.size() == batch) {
                    records.add(collectionId, pending, batch);
                    pending.clear();
                }
                if (written % 10_000 == 0) {
                    progress.say("  " + (base + written) + " snippets");
                }
            }
        }
        records.add(collectionId, pending, batch);
        return base + written;
    }

    private static void copyRows(JdbcTemplate jdbc, String collection, int rounds, int copies) {
        jdbc.update("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url,
                        section, breadcrumb, page_version, last_modified, chunk_index, text)
                select collection, id || ? || r, page_id || ? || r, space_key, content_type, title, url,
                       section, breadcrumb, page_version, last_modified, chunk_index, text
                from assistant.ingest_snippet cross join generate_series(1, ?) r
                where collection = ? and strpos(id, ?) = 0
                order by r, id collate "C"
                limit ?""", COPY_MARK, COPY_MARK, rounds, collection, COPY_MARK, copies);
    }

    static ChromaRecord copy(ChromaRecord original, int round, Random random) {
        Map<String, Object> metadata = new LinkedHashMap<>(original.metadata());
        metadata.put(SnippetMetadata.PAGE_ID, metadata.get(SnippetMetadata.PAGE_ID) + COPY_MARK + round);
        return new ChromaRecord(original.id() + COPY_MARK + round, metadata, jitter(original.embedding(), random));
    }

    static float[] jitter(float[] vector, Random random) {
        float[] copy = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            copy[i] = (float) (vector[i] + random.nextGaussian() * NOISE_PER_DIMENSION);
            norm += copy[i] * copy[i];
        }
        double length = Math.sqrt(norm);
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (float) (copy[i] / length);
        }
        return copy;
    }
}
