package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.ChromaRecords.ChromaRecord;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A killed-and-restarted run's index held against a clean reference run's on the same data.
 *
 * @param expectedSnippets snippets in the reference run's Chroma collection
 * @param actualSnippets   records in the restarted run's Chroma collection
 * @param missing          reference snippets absent from the restarted run's Chroma or its snippet table
 * @param duplicates       records beyond the first for the same id, or for the same page and chunk under another id
 * @param stale            snippets in the restarted run's Chroma or snippet table that the reference does not have
 * @param stateMismatches  pages whose state row (version, content hash, snippet count) differs, or exists on one side only
 */
record IndexComparison(int expectedSnippets, int actualSnippets, int missing, int duplicates, int stale,
                       int stateMismatches) {

    static IndexComparison of(IndexSnapshot reference, IndexSnapshot actual) {
        Set<String> expected = new HashSet<>(reference.chromaRecords().stream().map(ChromaRecord::id).toList());
        List<ChromaRecord> records = actual.chromaRecords();
        Set<String> inChroma = new HashSet<>(records.stream().map(ChromaRecord::id).toList());
        Set<String> inTable = new HashSet<>(actual.snippetRowIds());

        int missing = (int) expected.stream().filter(id -> !inChroma.contains(id) || !inTable.contains(id)).count();
        Set<String> distinctPageChunks = new HashSet<>();
        Set<String> seenIds = new HashSet<>();
        int duplicates = 0;
        for (ChromaRecord record : records) {
            if (!seenIds.add(record.id()) || !distinctPageChunks.add(IndexSnapshot.pageChunk(record))) {
                duplicates++;
            }
        }
        Set<String> written = new HashSet<>(inChroma);
        written.addAll(inTable);
        int stale = (int) written.stream().filter(id -> !expected.contains(id)).count();
        return new IndexComparison(expected.size(), records.size(), missing, duplicates, stale,
                stateMismatches(reference.pageStates(), actual.pageStates()));
    }

    private static int stateMismatches(Map<String, IndexSnapshot.PageState> expected,
                                       Map<String, IndexSnapshot.PageState> actual) {
        Set<String> pages = new TreeSet<>(expected.keySet());
        pages.addAll(actual.keySet());
        return (int) pages.stream().filter(page -> !Objects.equals(expected.get(page), actual.get(page))).count();
    }

    boolean identical() {
        return missing == 0 && duplicates == 0 && stale == 0 && stateMismatches == 0
                && expectedSnippets == actualSnippets;
    }
}
