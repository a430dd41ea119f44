package io.github.confluenceassistant.bench.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyStatsTest {

    @Test
    void percentilesOfOneToHundredAreTheNearestRanks() {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i);
        }
        Collections.shuffle(millis);
        LatencyStats stats = LatencyStats.ofMillis(millis);

        assertThat(stats.p50()).isEqualTo(50.0);
        assertThat(stats.p95()).isEqualTo(95.0);
        assertThat(stats.p99()).isEqualTo(99.0);
        assertThat(stats.percentile(100)).isEqualTo(100.0);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void fewMeasurementsRoundTheRankUp() {
        LatencyStats stats = LatencyStats.ofMillis(List.of(30.0, 10.0, 20.0));

        assertThat(stats.p50()).as("rank ceil(1.5) = 2").isEqualTo(20.0);
        assertThat(stats.p95()).as("rank ceil(2.85) = 3").isEqualTo(30.0);
        assertThat(stats.percentile(1)).isEqualTo(10.0);
    }

    @Test
    void nanosecondsAreReportedInMilliseconds() {
        LatencyStats stats = LatencyStats.ofNanos(new long[] {2_000_000, 4_000_000});

        assertThat(stats.p50()).isEqualTo(2.0);
        assertThat(stats.max()).isEqualTo(4.0);
    }

    @Test
    void noMeasurementGivesNoNumber() {
        assertThat(LatencyStats.ofMillis(List.of()).p95()).isNaN();
        assertThatThrownBy(() -> LatencyStats.ofMillis(List.of(1.0)).percentile(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
