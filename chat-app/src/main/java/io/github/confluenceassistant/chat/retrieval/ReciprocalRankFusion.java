package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges rankings by reciprocal rank fusion: a snippet scores the sum of 1 / (k + rank) over the rankings it
 * appears in. Only ranks count, so cosine similarities and ts_rank_cd values need no common scale.
 */
public final class ReciprocalRankFusion {

    private ReciprocalRankFusion() {
    }

    public static List<ScoredSnippet> fuse(List<List<ScoredSnippet>> rankings, int k) {
        Map<String, Snippet> snippets = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<ScoredSnippet> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                ScoredSnippet hit = ranking.get(i);
                snippets.putIfAbsent(hit.id(), hit.snippet());
                scores.merge(hit.id(), 1.0 / (k + i + 1), Double::sum);
            }
        }
        List<ScoredSnippet> fused = new ArrayList<>(snippets.size());
        snippets.forEach((id, snippet) -> fused.add(new ScoredSnippet(snippet, scores.get(id))));
        fused.sort(Comparator.comparingDouble(ScoredSnippet::score).reversed()); // stable: ties keep first-seen order
        return fused;
    }
}
