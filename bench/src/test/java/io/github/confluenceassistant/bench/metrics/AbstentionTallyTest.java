package io.github.confluenceassistant.bench.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AbstentionTallyTest {

    @Test
    void rightCallsAreAnsweringTheAnswerableAndAbstainingOnTheRest() {
        AbstentionTally tally = new AbstentionTally();
        tally.add(true, true);    // right
        tally.add(true, false);   // wrong: abstained although the space holds the answer
        tally.add(false, false);  // right: "not found"
        tally.add(false, true);   // wrong: answered the unanswerable
        tally.add(false, false);  // right

        assertThat(tally.questions()).isEqualTo(5);
        assertThat(tally.accuracy()).isEqualTo(3.0 / 5);
        assertThat(tally.answerableAbstained()).isEqualTo(1);
        assertThat(tally.unanswerableAnswered()).isEqualTo(1);
        assertThat(tally.unanswerableAbstained()).isEqualTo(2);
    }
}
