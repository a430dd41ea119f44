package io.github.confluenceassistant.chat.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.scored;
import static io.github.confluenceassistant.chat.retrieval.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

class PassageAssemblerTest {

    @Test
    void onePageContributesAtMostTheCappedNumberOfSnippets() {
        List<ScoredSnippet> ranked = List.of(
                scored(snippet("long", "A", 0, "one"), 5), scored(snippet("long", "B", 4, "two"), 4),
                scored(snippet("long", "C", 9, "three"), 3), scored(snippet("other", "", 0, "four"), 2));

        List<Passage> passages = new PassageAssembler(8, 2).assemble(ranked);

        assertThat(passages).extracting(Passage::text).containsExactly("one", "two", "four");
    }

    @Test
    void neighbouringSnippetsOfOneSectionBecomeOnePassageInPageOrderWithoutTheRepeatedOverlap() {
        List<ScoredSnippet> ranked = List.of(
                scored(snippet("p", "Rollback", 3, "Sync is disabled by the rollback.\n\nRe-enable automated sync."), 5),
                scored(snippet("p", "Rollback", 2, "Find the revision with argocd app history.\nSync is disabled by the rollback."), 4));

        List<Passage> passages = new PassageAssembler(8, 2).assemble(ranked);

        assertThat(passages).singleElement().satisfies(passage -> {
            assertThat(passage.snippetIds()).containsExactly("p:1:2", "p:1:3");
            assertThat(passage.text()).isEqualTo(
                    "Find the revision with argocd app history.\nSync is disabled by the rollback.\n\nRe-enable automated sync.");
            assertThat(passage.score()).isEqualTo(5);
        });
    }

    @Test
    void snippetsOfOtherSectionsOrFartherApartStaySeparate() {
        List<ScoredSnippet> ranked = List.of(
                scored(snippet("p", "Rollback", 3, "x"), 5), scored(snippet("p", "Deploy", 4, "y"), 4),
                scored(snippet("q", "", 5, "z"), 3), scored(snippet("q", "", 7, "w"), 2));

        assertThat(new PassageAssembler(8, 2).assemble(ranked)).hasSize(4);
    }

    @Test
    void returnsAtMostTopKPassagesBestFirst() {
        List<ScoredSnippet> ranked = List.of(scored(snippet("1", "", 0, "a"), 4), scored(snippet("2", "", 0, "b"), 3),
                scored(snippet("3", "", 0, "c"), 2));

        assertThat(new PassageAssembler(2, 2).assemble(ranked)).extracting(Passage::pageId).containsExactly("1", "2");
    }
}
