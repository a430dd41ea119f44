package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.ChromaRecords.ChromaRecord;
import io.github.confluenceassistant.bench.restart.IndexSnapshot.PageState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IndexComparisonTest {

    private static final IndexSnapshot REFERENCE = new IndexSnapshot(
            List.of(record("p1:1:0", "p1", 0), record("p1:1:1", "p1", 1), record("p2:1:0", "p2", 0)),
            List.of("p1:1:0", "p1:1:1", "p2:1:0"),
            Map.of("p1", new PageState(1, "h1", 2), "p2", new PageState(1, "h2", 1)));

    @Test
    void theSameIndexIsIdentical() {
        IndexComparison comparison = IndexComparison.of(REFERENCE, REFERENCE);

        assertThat(comparison.identical()).isTrue();
        assertThat(comparison.expectedSnippets()).isEqualTo(3);
    }

    @Test
    void missingDuplicatedAndStaleSnippetsAreEachCounted() {
        IndexSnapshot restarted = new IndexSnapshot(
                List.of(record("p1:1:0", "p1", 0), record("p1:1:0", "p1", 0), // listed twice
                        record("p2:0:0", "p2", 0)),                           // an older version's snippet
                List.of("p1:1:0", "p1:1:1", "p2:1:0"),
                Map.of("p1", new PageState(1, "h1", 2), "p2", new PageState(0, "h0", 1)));

        IndexComparison comparison = IndexComparison.of(REFERENCE, restarted);

        assertThat(comparison.actualSnippets()).isEqualTo(3);
        assertThat(comparison.missing()).as("p1:1:1 and p2:1:0 are not in Chroma").isEqualTo(2);
        assertThat(comparison.duplicates()).isEqualTo(1);
        assertThat(comparison.stale()).isEqualTo(1);
        assertThat(comparison.stateMismatches()).isEqualTo(1);
        assertThat(comparison.identical()).isFalse();
    }

    @Test
    void theSamePageAndChunkUnderTwoIdsIsADuplicate() {
        IndexSnapshot restarted = new IndexSnapshot(
                List.of(record("p1:1:0", "p1", 0), record("p1:1:1", "p1", 1), record("p2:1:0", "p2", 0),
                        record("random-id", "p2", 0)),
                REFERENCE.snippetRowIds(), REFERENCE.pageStates());

        IndexComparison comparison = IndexComparison.of(REFERENCE, restarted);

        assertThat(comparison.duplicates()).isEqualTo(1);
        assertThat(comparison.stale()).isEqualTo(1);
    }

    private static ChromaRecord record(String id, String pageId, int chunk) {
        return new ChromaRecord(id, Map.of("page_id", pageId, "chunk_index", chunk), null);
    }
}
