package io.github.confluenceassistant.bench.eval;

import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.chat.RetrievalRecorder.TimedRetrieval;
import io.github.confluenceassistant.bench.metrics.AbstentionTally;
import io.github.confluenceassistant.bench.metrics.AnswerF1;
import io.github.confluenceassistant.bench.metrics.LatencyStats;
import io.github.confluenceassistant.bench.metrics.RankingMetrics;
import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.retrieval.Passage;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.confluenceassistant.bench.BenchJson.put;

/**
 * The measures of one retrieval mode over a dataset's questions: ranking (page level, from the passages the
 * retrieval found, also those below the relevance floor), abstention (from the answer), retrieval latency, and
 * answer F1 when answers are written by a chat model.
 */
final class ModeEvaluation {

    private final boolean scoreAnswers;
    private final RankingMetrics ranking = new RankingMetrics();
    private final AbstentionTally abstention = new AbstentionTally();
    private final AnswerF1 answerF1 = new AnswerF1();
    private final List<Double> retrievalMillis = new ArrayList<>();
    private int questions;
    private int answerable;
    private int errors;

    /** @param scoreAnswers compute answer F1 (only meaningful when a chat model writes the answers) */
    ModeEvaluation(boolean scoreAnswers) {
        this.scoreAnswers = scoreAnswers;
    }

    void add(DatasetQuestion question, Answer answer, TimedRetrieval retrieval) {
        count(question);
        List<String> pages = retrieval.retrieval().passages().stream().map(Passage::pageId).toList();
        if (question.answerable()) {
            ranking.add(pages, question.relevantPageIds());
        }
        abstention.add(question.answerable(), answer.answered());
        retrievalMillis.add(retrieval.millis());
        if (scoreAnswers && question.answerable() && question.referenceAnswer() != null
                && !question.referenceAnswer().isBlank()) {
            answerF1.add(answer.text(), question.referenceAnswer());
        }
    }

    /** A question whose answer failed: counted, and in no measure. */
    void failed(DatasetQuestion question) {
        count(question);
        errors++;
    }

    private void count(DatasetQuestion question) {
        questions++;
        if (question.answerable()) {
            answerable++;
        }
    }

    int questions() {
        return questions;
    }

    int answerable() {
        return answerable;
    }

    double mrrAt10() {
        return ranking.mrrAt10();
    }

    /** The mode's measures; the dataset-wide fields (dataset, k, model) are added by the caller. */
    ObjectNode json() {
        ObjectNode json = BenchJson.object();
        json.put("questions", questions);
        json.put("answerable", answerable);
        json.put("ranked_questions", ranking.questions());
        put(json, "hit_at_1", ranking.hitAt1(), 4);
        put(json, "hit_at_5", ranking.hitAt5(), 4);
        put(json, "recall_at_5", ranking.recallAt5(), 4);
        put(json, "mrr_at_10", ranking.mrrAt10(), 4);
        put(json, "abstention_accuracy", abstention.accuracy(), 4);
        ObjectNode calls = json.putObject("abstention");
        calls.put("answerable_answered", abstention.answerableAnswered());
        calls.put("answerable_abstained", abstention.answerableAbstained());
        calls.put("unanswerable_abstained", abstention.unanswerableAbstained());
        calls.put("unanswerable_answered", abstention.unanswerableAnswered());
        LatencyStats latency = LatencyStats.ofMillis(retrievalMillis);
        put(json, "retrieval_p50_ms", latency.p50(), 1);
        put(json, "retrieval_p95_ms", latency.p95(), 1);
        if (scoreAnswers) {
            put(json, "answer_f1", answerF1.mean(), 4);
            json.put("answer_f1_questions", answerF1.answers());
        }
        json.put("errors", errors);
        return json;
    }
}
