package io.github.confluenceassistant.chat.retrieval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining consecutive snippets drops the second one's repeated start: the longest run of whole lines. */
class PassageTextTest {

    @Test
    void theRepeatedLinesAreDroppedOnce() {
        assertThat(PassageText.join("A line.\nB line.", "B line.\nC line.")).isEqualTo("A line.\nB line.\n\nC line.");
    }

    @Test
    void theLongestRunOfWholeLinesThatEndsTheFirstTextIsTheOverlap() {
        assertThat(PassageText.join("p\nq\nr", "q\nr\ns")).isEqualTo("p\nq\nr\n\ns");
    }

    @Test
    void whitespaceIsComparedCollapsed() {
        assertThat(PassageText.join("x\nAlpha beta\ngamma", "Alpha  beta\tgamma\ndelta"))
                .isEqualTo("x\nAlpha beta\ngamma\n\ndelta");
        assertThat(PassageText.join("end of  it \n", "  end\n of it\nnext")).isEqualTo("end of  it \n\n\nnext");
    }

    @Test
    void withoutOverlapBothTextsStayAndASecondTextThatIsAllOverlapAddsNothing() {
        assertThat(PassageText.join("one", "two")).isEqualTo("one\n\ntwo");
        assertThat(PassageText.join("a\nb", "b")).isEqualTo("a\nb");
        assertThat(PassageText.join("abc", "bc\nd")).as("whole lines of the second text").isEqualTo("abc\n\nd");
    }
}
