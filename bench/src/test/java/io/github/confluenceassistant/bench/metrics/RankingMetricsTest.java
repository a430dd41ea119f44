package io.github.confluenceassistant.bench.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {

    @Test
    void relevantPageFirstScoresFullMarks() {
        RankingMetrics metrics = new RankingMetrics();
        metrics.add(List.of("A", "B", "C"), Set.of("A"));

        assertThat(metrics.hitAt1()).isEqualTo(1.0);
        assertThat(metrics.hitAt5()).isEqualTo(1.0);
        assertThat(metrics.recallAt5()).isEqualTo(1.0);
        assertThat(metrics.mrrAt10()).isEqualTo(1.0);
    }

    @Test
    void repeatedPagesCountOnceSoRanksAreAmongDistinctPages() {
        RankingMetrics metrics = new RankingMetrics();
        // passages of A, A, B, B, C, C, R: R is the 7th passage but the 4th distinct page
        metrics.add(List.of("A", "A", "B", "B", "C", "C", "R"), Set.of("R"));

        assertThat(metrics.hitAt1()).isZero();
        assertThat(metrics.hitAt5()).isEqualTo(1.0);
        assertThat(metrics.mrrAt10()).isEqualTo(0.25);
    }

    @Test
    void recallIsTheShareOfRelevantPagesInTheTopFive() {
        RankingMetrics metrics = new RankingMetrics();
        metrics.add(List.of("X", "R1", "Y", "Z", "W", "R2"), Set.of("R1", "R2"));

        assertThat(metrics.recallAt5()).as("R1 in the top 5, R2 6th").isEqualTo(0.5);
        assertThat(metrics.hitAt5()).isEqualTo(1.0);
        assertThat(metrics.mrrAt10()).isEqualTo(0.5);
    }

    @Test
    void aRelevantPageBeyondTenScoresNoReciprocalRank() {
        RankingMetrics metrics = new RankingMetrics();
        metrics.add(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "R"), Set.of("R"));

        assertThat(metrics.mrrAt10()).isZero();
        assertThat(metrics.hitAt5()).isZero();
    }

    @Test
    void averagesOverQuestionsWithARelevantPageOnly() {
        RankingMetrics metrics = new RankingMetrics();
        metrics.add(List.of("A", "B"), Set.of("A"));          // rr 1
        metrics.add(List.of("A", "B"), Set.of("B"));          // rr 1/2
        metrics.add(List.of("A", "B"), Set.of("Q"));          // rr 0
        metrics.add(List.of("A", "B"), Set.of());             // unanswerable: not counted

        assertThat(metrics.questions()).isEqualTo(3);
        assertThat(metrics.mrrAt10()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.hitAt1()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metrics.hitAt5()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void noQuestionsGiveNoNumber() {
        assertThat(new RankingMetrics().mrrAt10()).isNaN();
    }
}
