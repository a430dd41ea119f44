package io.github.confluenceassistant.bench.metrics;

/**
 * Whether the assistant answered exactly when it should: an unanswerable question is right when the answer says
 * "not found", an answerable one when it does not. Counted over every question.
 */
public final class AbstentionTally {

    private int answerableAnswered;
    private int answerableAbstained;
    private int unanswerableAbstained;
    private int unanswerableAnswered;

    public void add(boolean answerable, boolean answered) {
        if (answerable && answered) {
            answerableAnswered++;
        } else if (answerable) {
            answerableAbstained++;
        } else if (answered) {
            unanswerableAnswered++;
        } else {
            unanswerableAbstained++;
        }
    }

    public int questions() {
        return answerableAnswered + answerableAbstained + unanswerableAbstained + unanswerableAnswered;
    }

    /** Right calls over all questions; NaN when there were none. */
    public double accuracy() {
        int all = questions();
        return all == 0 ? Double.NaN : (double) (answerableAnswered + unanswerableAbstained) / all;
    }

    public int answerableAnswered() {
        return answerableAnswered;
    }

    /** Answerable questions the assistant said it could not answer. */
    public int answerableAbstained() {
        return answerableAbstained;
    }

    public int unanswerableAbstained() {
        return unanswerableAbstained;
    }

    /** Unanswerable questions the assistant answered anyway. */
    public int unanswerableAnswered() {
        return unanswerableAnswered;
    }
}
