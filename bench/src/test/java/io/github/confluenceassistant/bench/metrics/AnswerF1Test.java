package io.github.confluenceassistant.bench.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnswerF1Test {

    @Test
    void identicalAnswersScoreOneWhateverTheCaseArticlesPunctuationAndCitations() {
        assertThat(AnswerF1.score("The alert fires at 800 ms [1].", "alert fires at 800 ms")).isEqualTo(1.0);
    }

    @Test
    void partialOverlapIsTheHarmonicMeanOfPrecisionAndRecall() {
        // answer tokens: two approvals needed (3); reference: two approvals from codeowners (4); shared: two, approvals
        double precision = 2.0 / 3;
        double recall = 2.0 / 4;
        assertThat(AnswerF1.score("Two approvals needed", "two approvals from codeowners"))
                .isCloseTo(2 * precision * recall / (precision + recall), within(1e-9));
    }

    @Test
    void sharedTokensCountWithTheirMultiplicity() {
        // "yes yes yes" against "yes no": one shared yes; precision 1/3, recall 1/2
        assertThat(AnswerF1.score("yes yes yes", "yes no")).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void nothingSharedScoresZeroAndTheMeanAveragesAnswers() {
        AnswerF1 f1 = new AnswerF1();
        f1.add("port 55432", "port 55432");
        f1.add("no idea", "port 55432");

        assertThat(AnswerF1.score("no idea", "port 55432")).isZero();
        assertThat(f1.mean()).isEqualTo(0.5);
        assertThat(f1.answers()).isEqualTo(2);
    }
}
