package io.github.confluenceassistant.bench.job;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogHeapTest {

    @Test
    void peaksAreTheLargestHeapBeforeAndAfterAnyCollection() {
        List<String> log = List.of(
                "[0.012s][info][gc] Using G1",
                "[1.201s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 3.105ms",
                "[4.880s][info][gc] GC(1) Pause Young (Concurrent Start) (Metadata GC Threshold) 180M->41M(256M) 9.2ms",
                "[9.001s][info][gc] GC(2) Pause Full (System.gc()) 1G->512M(1024M) 80.0ms",
                "[9.101s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 900K->300K(1024M) 1.0ms");

        GcLogHeap heap = GcLogHeap.parse(log).orElseThrow();

        assertThat(heap.beforeGcMb()).isEqualTo(1024);
        assertThat(heap.afterGcMb()).isEqualTo(512);
        assertThat(heap.collections()).isEqualTo(4);
    }

    @Test
    void aLogWithoutCollectionsHasNoPeaks() {
        assertThat(GcLogHeap.parse(List.of("[0.012s][info][gc] Using G1"))).isEmpty();
    }
}
