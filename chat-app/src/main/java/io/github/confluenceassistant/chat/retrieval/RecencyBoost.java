package io.github.confluenceassistant.chat.retrieval;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Lifts recently modified pages: a score is multiplied by 1 + weight × 0.5^(age / half-life). Off by default,
 * since an old page is not less true; useful where stale pages are common.
 */
public record RecencyBoost(double weight, Duration halfLife) {

    public List<ScoredSnippet> apply(List<ScoredSnippet> ranked, Instant now) {
        return ranked.stream()
                .map(hit -> new ScoredSnippet(hit.snippet(), hit.score() * factor(hit.snippet().lastModified(), now)))
                .sorted(Comparator.comparingDouble(ScoredSnippet::score).reversed())
                .toList();
    }

    double factor(Instant lastModified, Instant now) {
        double ageDays = Math.max(0, Duration.between(lastModified, now).toMillis()) / 86_400_000.0;
        double halfLifeDays = Math.max(1, halfLife.toMillis() / 86_400_000.0);
        return 1 + weight * Math.pow(0.5, ageDays / halfLifeDays);
    }
}
