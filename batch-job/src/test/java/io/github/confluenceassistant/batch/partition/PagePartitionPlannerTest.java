package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.confluence.PageSelection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PagePartitionPlannerTest {

    @Test
    void oneBigSpaceIsCutIntoOneSlicePerWorker() {
        assertThat(PagePartitionPlanner.plan(Map.of("MEDLIT", 1001L), 2)).containsExactly(
                new PageSelection(Optional.of(List.of("MEDLIT")), 0, 2),
                new PageSelection(Optional.of(List.of("MEDLIT")), 1, 2));
    }

    @Test
    void oneWorkerReadsEverySpaceInOnePartition() {
        assertThat(PagePartitionPlanner.plan(new TreeMap<>(Map.of("A", 10L, "B", 5L)), 1))
                .containsExactly(PageSelection.spaces(List.of("A", "B")));
    }

    @Test
    void manySmallSpacesArePackedIntoAboutOnePartitionPerWorkerOfSimilarSize() {
        Map<String, Long> spaces = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            spaces.put("S" + i, (long) (i % 7 + 1) * 10);
        }
        List<PageSelection> plan = PagePartitionPlanner.plan(spaces, 4);

        assertThat(plan).hasSize(4).allSatisfy(p -> assertThat(p.sliced()).isFalse());
        assertThat(plan.stream().flatMap(p -> p.spaceKeys().orElseThrow().stream()))
                .as("every space exactly once").hasSize(40).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spaces.keySet());
        long total = spaces.values().stream().mapToLong(Long::longValue).sum();
        assertThat(plan).allSatisfy(p -> assertThat(p.spaceKeys().orElseThrow().stream().mapToLong(spaces::get).sum())
                .as("pages of " + p).isBetween(total / 4 - 70, total / 4 + 70));
    }

    @Test
    void whenOneSpaceOutweighsAWorkersShareEveryWorkerTakesASliceOfAllPages() {
        List<PageSelection> plan = PagePartitionPlanner.plan(new TreeMap<>(Map.of("BIG", 900L, "A", 50L, "B", 50L)), 2);

        assertThat(plan).containsExactly(
                new PageSelection(Optional.of(List.of("A", "B", "BIG")), 0, 2),
                new PageSelection(Optional.of(List.of("A", "B", "BIG")), 1, 2));
    }

    @Test
    void fewerSpacesThanWorkersAreSlicedSoThatEveryWorkerHasWork() {
        assertThat(PagePartitionPlanner.plan(new TreeMap<>(Map.of("A", 10L, "B", 9L)), 4))
                .hasSize(4).allSatisfy(p -> assertThat(p.slices()).isEqualTo(4))
                .extracting(PageSelection::slice).containsExactly(0, 1, 2, 3);
    }

    @Test
    void noPagesNoPartitions() {
        assertThat(PagePartitionPlanner.plan(Map.of(), 2)).isEmpty();
        assertThat(PagePartitionPlanner.plan(Map.of("EMPTY", 0L), 2)).isEmpty();
    }
}
