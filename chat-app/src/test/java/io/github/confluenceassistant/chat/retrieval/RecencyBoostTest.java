package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecencyBoostTest {

    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");
    private final RecencyBoost boost = new RecencyBoost(0.5, Duration.ofDays(100));

    @Test
    void theBoostHalvesWithEveryHalfLifeOfAge() {
        assertThat(boost.factor(now, now)).isEqualTo(1.5);
        assertThat(boost.factor(now.minus(Duration.ofDays(100)), now)).isCloseTo(1.25, within(1e-9));
        assertThat(boost.factor(now.minus(Duration.ofDays(3650)), now)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aRecentPageOvertakesAnOldOneOfNearlyTheSameScore() {
        ScoredSnippet old = new ScoredSnippet(modified("old", now.minus(Duration.ofDays(1000))), 0.0164);
        ScoredSnippet recent = new ScoredSnippet(modified("recent", now.minus(Duration.ofDays(5))), 0.0161);

        assertThat(boost.apply(List.of(old, recent), now)).extracting(hit -> hit.snippet().pageId())
                .containsExactly("recent", "old");
    }

    private static Snippet modified(String pageId, Instant when) {
        return new Snippet(pageId + ":1:0", pageId, "ENG", "page", pageId, "", "", "", 1, when, 0, "text");
    }
}
