package io.github.confluenceassistant.bench.eval;

import io.github.confluenceassistant.bench.chat.RetrievalRecorder.TimedRetrieval;
import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.answer.AnswerMode;
import io.github.confluenceassistant.chat.retrieval.Passage;
import io.github.confluenceassistant.chat.retrieval.Retrieval;
import io.github.confluenceassistant.chat.retrieval.RetrievalMode;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class ModeEvaluationTest {

    private static final DatasetQuestion ANSWERABLE = question("q1", List.of("P2"), true, "two approvals");
    private static final DatasetQuestion UNANSWERABLE = question("q2", List.of(), false, null);
    private static final DatasetQuestion ALSO_UNANSWERABLE = question("q3", List.of(), false, null);

    @Test
    void abstentionCountsEveryQuestionAndRankingOnlyTheAnswerableOnes() {
        ModeEvaluation evaluation = new ModeEvaluation(false);
        evaluation.add(ANSWERABLE, answer(true, "Two approvals [1]."), retrieved(10, "P1", "P1", "P2"));
        evaluation.add(UNANSWERABLE, answer(false, "I found nothing relevant."), retrieved(20, "P3"));
        evaluation.add(ALSO_UNANSWERABLE, answer(true, "Something [1]."), retrieved(30, "P1"));

        ObjectNode json = evaluation.json();

        assertThat(json.get("questions").asInt()).isEqualTo(3);
        assertThat(json.get("answerable").asInt()).isEqualTo(1);
        assertThat(json.get("ranked_questions").asInt()).isEqualTo(1);
        assertThat(json.get("hit_at_1").asDouble()).isZero();
        assertThat(json.get("mrr_at_10").asDouble()).as("P2 is the second distinct page").isEqualTo(0.5);
        assertThat(json.get("abstention_accuracy").asDouble()).isEqualTo(0.6667);
        assertThat(json.get("abstention").get("unanswerable_answered").asInt()).isEqualTo(1);
        assertThat(json.get("retrieval_p50_ms").asDouble()).isEqualTo(20.0);
        assertThat(json.has("answer_f1")).as("extractive answers are not scored").isFalse();
    }

    @Test
    void writtenAnswersToAnswerableQuestionsAreScoredAgainstTheReference() {
        ModeEvaluation evaluation = new ModeEvaluation(true);
        evaluation.add(ANSWERABLE, answer(true, "Two approvals [1]."), retrieved(10, "P2"));
        evaluation.add(UNANSWERABLE, answer(false, "I found nothing relevant."), retrieved(10, "P3"));

        ObjectNode json = evaluation.json();

        assertThat(json.get("answer_f1").asDouble()).isEqualTo(1.0);
        assertThat(json.get("answer_f1_questions").asInt()).isEqualTo(1);
    }

    @Test
    void aFailedQuestionIsCountedButMeasuredNowhere() {
        ModeEvaluation evaluation = new ModeEvaluation(false);
        evaluation.failed(ANSWERABLE);

        ObjectNode json = evaluation.json();

        assertThat(json.get("errors").asInt()).isEqualTo(1);
        assertThat(json.get("questions").asInt()).isEqualTo(1);
        assertThat(json.get("mrr_at_10").isNull()).isTrue();
    }

    private static DatasetQuestion question(String id, List<String> relevant, boolean answerable, String reference) {
        return new DatasetQuestion(id, "question " + id, List.of(), relevant, answerable, reference);
    }

    private static Answer answer(boolean answered, String text) {
        return new Answer(text, answered, List.of(), AnswerMode.EXTRACTIVE);
    }

    private static TimedRetrieval retrieved(long millis, String... pageIds) {
        List<Passage> passages = Arrays.stream(pageIds).map(page -> Passage.of(List.of(snippet(page)), 1.0)).toList();
        Retrieval retrieval = new Retrieval("q", Retrieval.Outcome.FOUND, RetrievalMode.HYBRID, passages,
                OptionalDouble.of(0.8), OptionalDouble.empty());
        return new TimedRetrieval(retrieval, millis * 1_000_000);
    }

    private static Snippet snippet(String pageId) {
        return new Snippet(pageId + ":1:0", pageId, "ENG", "page", "Title " + pageId, "", "", "", 1, Instant.EPOCH, 0,
                "text of " + pageId);
    }
}
