package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the fused ranking into the passages an answer gets: at most {@code maxSnippetsPerPage} snippets of a
 * page (so one long page cannot fill every slot), neighbouring snippets of the same page section (chunk i and
 * i + 1) joined into one passage, at most {@code topK} passages in rank order.
 */
public record PassageAssembler(int topK, int maxSnippetsPerPage) {

    public List<Passage> assemble(List<ScoredSnippet> ranked) {
        List<Group> groups = new ArrayList<>();
        Map<String, Integer> perPage = new HashMap<>();
        for (ScoredSnippet hit : ranked) {
            Snippet snippet = hit.snippet();
            if (perPage.getOrDefault(snippet.pageId(), 0) >= maxSnippetsPerPage) {
                continue;
            }
            Group neighbour = groups.stream().filter(g -> g.isNeighbour(snippet)).findFirst().orElse(null);
            if (neighbour != null) {
                neighbour.snippets.add(snippet);
            } else if (groups.size() < topK) {
                groups.add(new Group(snippet, hit.score()));
            } else {
                continue;
            }
            perPage.merge(snippet.pageId(), 1, Integer::sum);
        }
        return groups.stream().map(Group::toPassage).toList();
    }

    private static final class Group {
        private final List<Snippet> snippets = new ArrayList<>();
        private final double score;

        Group(Snippet first, double score) {
            this.snippets.add(first);
            this.score = score;
        }

        boolean isNeighbour(Snippet candidate) {
            Snippet any = snippets.getFirst();
            if (!any.pageId().equals(candidate.pageId()) || any.pageVersion() != candidate.pageVersion()
                    || !any.section().equals(candidate.section())) {
                return false;
            }
            int index = candidate.chunkIndex();
            return snippets.stream().anyMatch(s -> Math.abs(s.chunkIndex() - index) == 1);
        }

        Passage toPassage() {
            List<Snippet> inPageOrder = new ArrayList<>(snippets);
            inPageOrder.sort(Comparator.comparingInt(Snippet::chunkIndex));
            return Passage.of(inPageOrder, score);
        }
    }
}
