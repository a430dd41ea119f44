package io.github.confluenceassistant.batch.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How the ingestion job runs ({@code assistant.ingestion.*}).
 *
 * @param chunkSize         pages per chunk: one transaction and restart point (embedding and Chroma writes go page by page).
 *                          At each chunk's end the model idles while the last pages go to Chroma and the chunk
 *                          commits; 100 pages kept that under 10 % on 2 cores (32 did not), and a crash redoes at
 *                          most 100 pages
 * @param skipLimit         pages that may fail cleaning/splitting before the step fails (pages without a body
 *                          are always skipped and reported on their own)
 * @param spaceKeys         only these spaces (empty: all spaces in the tables)
 * @param pruneMaxShare     the prune step refuses to delete more than this share of a space's pages in one run
 * @param forcePrune        delete anyway (after a space was really archived, say)
 * @param targetTokens      snippet size the splitter aims for, in the embedding model's tokens
 * @param overlapTokens     tokens repeated from the end of one snippet at the start of the next
 * @param chromaRetryFor    how long Chroma calls are retried before the step fails
 * @param steps             ALL, or only SYNC (trigger Airbyte) or only PROCESS (read → prune), for separate schedules
 * @param partitions        worker threads of the page step; above 1 the step is partitioned by space (big spaces
 *                          cut into slices by page id), each partition restartable on its own
 * @param shard             this process's share of the spaces when several pods ingest at once (a Kubernetes
 *                          Indexed Job): shard {@code index} of {@code count}
 */
@ConfigurationProperties("assistant.ingestion")
public record IngestionProperties(
        @Min(1) @DefaultValue("100") int chunkSize,
        @Min(0) @DefaultValue("1000") int skipLimit,
        @NotNull @DefaultValue("") List<String> spaceKeys,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.30") double pruneMaxShare,
        @DefaultValue("false") boolean forcePrune,
        @Min(32) @DefaultValue("350") int targetTokens,
        @Min(0) @DefaultValue("40") int overlapTokens,
        @NotNull @DefaultValue("60s") Duration chromaRetryFor,
        @NotNull @DefaultValue("ALL") Steps steps,
        @Min(1) @Max(64) @DefaultValue("1") int partitions,
        @NotNull @Valid @DefaultValue Shard shard) {

    public IngestionProperties {
        // an empty environment variable binds as one empty key: it means "all spaces"
        spaceKeys = spaceKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
    }

    public enum Steps { ALL, SYNC, PROCESS }

    /**
     * Shard {@code index} of {@code count}: the process ingests (and prunes) only the spaces whose key hashes to its
     * index, under its own job name, so each shard is its own restartable job instance.
     */
    public record Shard(@Min(0) @DefaultValue("0") int index, @Min(1) @DefaultValue("1") int count) {

        public Shard {
            if (index >= count) {
                throw new IllegalArgumentException("assistant.ingestion.shard.index (" + index
                        + ") must be below assistant.ingestion.shard.count (" + count + ")");
            }
        }

        public boolean sharded() {
            return count > 1;
        }

        /** A stable hash (CRC-32 of the key), so every pod and every run agrees on who owns a space. */
        public boolean owns(String spaceKey) {
            if (!sharded()) {
                return true;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(spaceKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Math.floorMod(crc.getValue(), count) == index;
        }

        /** Appended to the job name and the lock name: {@code -shard-1-of-4}, or nothing when not sharded. */
        public String suffix() {
            return sharded() ? "-shard-" + index + "-of-" + count : "";
        }
    }
}
