package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.TestIndexes;
import io.github.confluenceassistant.chat.security.UserAccess;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extractive answers (no chat model) on the demo space as the real batch job indexed it: every question of its
 * {@code questions.jsonl} through the app's answer service, with the default settings. An answerable question's
 * quote must hold the facts of its reference answer, an unanswerable one must get no quote at all.
 */
class DemoSpaceExtractiveAnswerTest {

    /**
     * The facts each reference answer gives, as the page words them (the reference answers paraphrase: "Two
     * approvals" is the table row "Approvals needed: 2"). Questions asking two things name both.
     */
    private static final Map<String, List<String>> KEY_PHRASES = Map.ofEntries(
            Map.entry("eng-demo-01", List.of("800 ms")),
            Map.entry("eng-demo-02", List.of("55432")),
            Map.entry("eng-demo-03", List.of("Approvals needed: 2")),
            Map.entry("eng-demo-04", List.of("50,000 messages")),
            Map.entry("eng-demo-05", List.of("30 days before expiry")),
            Map.entry("eng-demo-06", List.of("40% more expensive")),
            Map.entry("eng-demo-07", List.of("45 days")),
            Map.entry("eng-demo-08", List.of("acknowledge within 5 minutes", "escalates it to the secondary")),
            Map.entry("eng-demo-09", List.of("FinOps lead and the Head of Platform", "3 business days")),
            Map.entry("eng-demo-10", List.of("Tuesdays, 14:00", "45 minutes")),
            Map.entry("eng-demo-11", List.of("argocd app rollback payments-api-prod")),
            Map.entry("eng-demo-12", List.of("8 to 15 minutes", "(RPO) is 5 minutes")));

    private static final UserAccess DEMO_USER = new UserAccess("demo", Set.of("*"), false);
    private static GroundedAnswerService answers;

    @BeforeAll
    static void answerFromTheDemoSpace() {
        answers = new GroundedAnswerService(TestIndexes.retriever(IngestedIndex.demoSpace(), Map.of()),
                new KeywordFollowUpRewriter(), new ExtractiveAnswerer(TestIndexes.bind("assistant.answer",
                AnswerProperties.class, Map.of()).maxQuotedSentences()), Optional.empty());
    }

    static Stream<DatasetQuestion> answerableQuestions() {
        return ConfluenceDataset.demoSpace().questions().stream().filter(DatasetQuestion::answerable);
    }

    static Stream<DatasetQuestion> unanswerableQuestions() {
        return ConfluenceDataset.demoSpace().questions().stream().filter(q -> !q.answerable());
    }

    @Test
    void everyAnswerableQuestionOfTheDemoSpaceHasItsKeyPhrases() {
        assertThat(KEY_PHRASES.keySet()).containsExactlyInAnyOrderElementsOf(
                answerableQuestions().map(DatasetQuestion::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerableQuestions")
    void theQuoteHoldsTheFactsOfTheReferenceAnswer(DatasetQuestion question) {
        Answer answer = answers.answer(question(question), DEMO_USER);

        assertThat(answer.answered()).isTrue();
        assertThat(answer.text()).as("the extractive answer to %s", question.question())
                .contains(KEY_PHRASES.get(question.id()));
        assertThat(answer.citations()).isNotEmpty()
                .anySatisfy(citation -> assertThat(question.relevantPageIds()).contains(citation.pageId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unanswerableQuestions")
    void aQuestionTheSpaceDoesNotAnswerGetsNoQuote(DatasetQuestion question) {
        Answer answer = answers.answer(question(question), DEMO_USER);

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo(GroundedAnswerService.NOT_FOUND);
        assertThat(answer.citations()).isEmpty();
    }

    private static Question question(DatasetQuestion q) {
        return new Question(q.question(), List.of(), q.conversation().stream().map(t -> new Turn(t.speaker(), t.text())).toList());
    }
}
