package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.passage;
import static org.assertj.core.api.Assertions.assertThat;

class CitationCheckerTest {

    private final List<Passage> passages = List.of(
            passage("1", "One", "", "first"), passage("2", "Two", "", "second"), passage("3", "Three", "", "third"));

    @Test
    void aMarkNamingNoPassageIsRemovedAndNotCited() {
        CitationChecker.Checked checked = CitationChecker.check("Use port 55432 [2]. It is always on [7].", passages);

        assertThat(checked.text()).isEqualTo("Use port 55432 [2]. It is always on.");
        assertThat(checked.citations()).extracting(Citation::n).containsExactly(2);
    }

    @Test
    void citationsAreExactlyThePassagesCitedInOrderOfTheirNumbers() {
        CitationChecker.Checked checked = CitationChecker.check("A [3]. B [1, 7, 3]. C [0].", passages);

        assertThat(checked.text()).isEqualTo("A [3]. B [1][3]. C.");
        assertThat(checked.citations()).extracting(Citation::n, Citation::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "One"), org.assertj.core.groups.Tuple.tuple(3, "Three"));
    }

    @Test
    void anAnswerWithoutMarksCitesNothing() {
        assertThat(CitationChecker.check("I could not find this in Confluence.", passages).citations()).isEmpty();
    }
}
