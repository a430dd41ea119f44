package io.github.confluenceassistant.bench.latency;

import io.github.confluenceassistant.bench.ChromaRecords.ChromaRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SnippetReplicatorTest {

    @Test
    void aCopyIsAnotherPageNearTheOriginal() {
        float[] vector = new float[384];
        vector[0] = 1;
        ChromaRecord original = new ChromaRecord("p1:3:0", Map.of("page_id", "p1", "chunk_index", 0), vector);

        ChromaRecord copy = SnippetReplicator.copy(original, 2, new Random(42));

        assertThat(copy.id()).isEqualTo("p1:3:0~r2");
        assertThat(copy.metadata()).containsEntry("page_id", "p1~r2").containsEntry("chunk_index", 0);
        double norm = 0;
        for (float x : copy.embedding()) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        assertThat((double) copy.embedding()[0]).as("cosine to the original").isBetween(0.95, 0.995);
    }
}
