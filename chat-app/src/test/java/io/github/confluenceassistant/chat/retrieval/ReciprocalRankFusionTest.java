package io.github.confluenceassistant.chat.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.scored;
import static io.github.confluenceassistant.chat.retrieval.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

class ReciprocalRankFusionTest {

    private final ScoredSnippet a = scored(snippet("1", "", 0, "a"), 0.9);
    private final ScoredSnippet b = scored(snippet("2", "", 0, "b"), 0.8);
    private final ScoredSnippet c = scored(snippet("3", "", 0, "c"), 0.7);

    @Test
    void aSnippetBothSearchesFindOutranksOneFoundByASingleSearch() {
        List<ScoredSnippet> fused = ReciprocalRankFusion.fuse(List.of(List.of(a, b), List.of(c, b)), 60);

        assertThat(fused).extracting(ScoredSnippet::id).containsExactly(b.id(), a.id(), c.id());
        assertThat(fused.getFirst().score()).isEqualTo(1.0 / 62 + 1.0 / 62);
    }

    @Test
    void onlyRanksCountNotTheScalesOfTheScores() {
        ScoredSnippet hugeKeywordRank = scored(snippet("4", "", 0, "d"), 1000);

        List<ScoredSnippet> fused = ReciprocalRankFusion.fuse(List.of(List.of(a), List.of(hugeKeywordRank)), 60);

        assertThat(fused).extracting(ScoredSnippet::score).containsExactly(1.0 / 61, 1.0 / 61);
        assertThat(fused).extracting(ScoredSnippet::id).containsExactly(a.id(), hugeKeywordRank.id());
    }

    @Test
    void ofEqualScoresTheEarlierRankingsSnippetComesFirst() {
        List<ScoredSnippet> fused = ReciprocalRankFusion.fuse(List.of(List.of(a), List.of(c)), 1);

        assertThat(fused).extracting(ScoredSnippet::id).containsExactly(a.id(), c.id());
    }

    @Test
    void withTheCalibratedKOneSearchsTopHitOutranksAHitBothSearchesRankLow() {
        List<ScoredSnippet> vector = List.of(a, scored(snippet("5", "", 0, "e"), 0.6), scored(snippet("6", "", 0, "f"), 0.5), b);
        List<ScoredSnippet> keyword = List.of(c, scored(snippet("7", "", 0, "g"), 0.6), scored(snippet("8", "", 0, "h"), 0.5), b);
        int k = Integer.parseInt(ReciprocalRankFusion.DEFAULT_K);

        assertThat(ReciprocalRankFusion.fuse(List.of(vector, keyword), k)).extracting(ScoredSnippet::id)
                .startsWith(a.id(), c.id());
        assertThat(ReciprocalRankFusion.fuse(List.of(vector, keyword), 60)).extracting(ScoredSnippet::id)
                .startsWith(b.id());
    }
}
