package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.confluence.PageSelection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Cuts the pages in scope into one partition per worker thread, of about equal size. By space where the spaces
 * allow it (biggest first, each into the lightest partition); when one space holds more than a worker's share,
 * spaces cannot balance the threads, so every partition takes one slice of all the pages by a hash of the page id.
 * Spring Batch starts partitions in no particular order, so equal sizes are what keeps both threads busy to the end.
 */
public final class PagePartitionPlanner {

    private PagePartitionPlanner() {
    }

    public static List<PageSelection> plan(Map<String, Long> pagesPerSpace, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        List<Map.Entry<String, Long>> spaces = pagesPerSpace.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        if (spaces.isEmpty()) {
            return List.of();
        }
        List<String> allKeys = spaces.stream().map(Map.Entry::getKey).sorted().toList();
        long total = spaces.stream().mapToLong(Map.Entry::getValue).sum();
        long share = (total + workers - 1) / workers;
        if (workers == 1) {
            return List.of(PageSelection.spaces(allKeys));
        }
        if (spaces.getFirst().getValue() > share) {
            return IntStream.range(0, workers)
                    .mapToObj(slice -> new PageSelection(Optional.of(allKeys), slice, workers)).toList();
        }
        List<Bin> bins = IntStream.range(0, Math.min(workers, spaces.size())).mapToObj(i -> new Bin()).toList();
        for (Map.Entry<String, Long> space : spaces) {
            bins.stream().min(Comparator.comparingLong(Bin::pages)).orElseThrow().add(space.getKey(), space.getValue());
        }
        return bins.stream().map(bin -> PageSelection.spaces(bin.keys.stream().sorted().toList())).toList();
    }

    private static final class Bin {
        private final List<String> keys = new ArrayList<>();
        private long pages;

        void add(String key, long count) {
            keys.add(key);
            pages += count;
        }

        long pages() {
            return pages;
        }
    }
}
