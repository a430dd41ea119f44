package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.answer.KeywordFollowUpRewriter;
import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.answer.Turn;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Retrieval on the demo space as the real batch job indexed it: its evaluation questions as the specification. */
class DemoSpaceRetrievalTest {

    private static SnippetRetriever retriever;

    @BeforeAll
    static void ingestDemoSpace() {
        retriever = TestIndexes.retriever(IngestedIndex.demoSpace(), Map.of());
    }

    static Stream<DatasetQuestion> answerableQuestions() {
        return ConfluenceDataset.demoSpace().questions().stream().filter(DatasetQuestion::answerable);
    }

    static Stream<DatasetQuestion> unanswerableQuestions() {
        return ConfluenceDataset.demoSpace().questions().stream().filter(q -> !q.answerable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerableQuestions")
    void everyAnswerableQuestionFindsItsPageAmongTheTopFive(DatasetQuestion question) {
        Retrieval retrieval = retrieve(question, SpaceScope.all(), RetrievalMode.HYBRID);

        assertThat(retrieval.found()).as("found, best cosine %s", retrieval.bestSimilarity()).isTrue();
        assertThat(topPages(retrieval, 5)).containsAnyElementsOf(question.relevantPageIds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unanswerableQuestions")
    void aQuestionTheSpaceDoesNotAnswerIsNotFound(DatasetQuestion question) {
        Retrieval retrieval = retrieve(question, SpaceScope.all(), RetrievalMode.HYBRID);

        assertThat(retrieval.outcome()).as("best cosine %s", retrieval.bestSimilarity()).isEqualTo(Retrieval.Outcome.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void eachModeFindsAnAlertThreshold(RetrievalMode mode) {
        Retrieval retrieval = retriever.retrieve("Which alert fires when Kafka consumer lag is high for order-service?",
                SpaceScope.all(), mode).block();

        assertThat(retrieval.mode()).isEqualTo(mode);
        assertThat(retrieval.found()).isTrue();
        assertThat(topPages(retrieval, 3)).contains("200010");
    }

    @Test
    void aSpaceTheUserMayNotReadContributesNothing() {
        String question = "Which port does the local PostgreSQL from the local-stack Docker Compose file listen on?";

        Retrieval otherSpace = retriever.retrieve(question, SpaceScope.only(Set.of("HR")), RetrievalMode.HYBRID).block();
        Retrieval ownSpace = retriever.retrieve(question, SpaceScope.only(Set.of("ENG")), RetrievalMode.HYBRID).block();

        assertThat(otherSpace.passages()).isEmpty();
        assertThat(otherSpace.found()).isFalse();
        assertThat(ownSpace.passages()).isNotEmpty().allSatisfy(p -> assertThat(p.spaceKey()).isEqualTo("ENG"));
        assertThat(topPages(ownSpace, 1)).containsExactly("200004");
    }

    @Test
    void noPageFillsMoreThanTwoSnippetSlots() {
        Retrieval retrieval = retriever.retrieve("on-call escalation acknowledge page secondary manager",
                SpaceScope.all(), RetrievalMode.HYBRID).block();

        Map<String, Integer> snippetsPerPage = new java.util.HashMap<>();
        retrieval.passages().forEach(p -> snippetsPerPage.merge(p.pageId(), p.snippets().size(), Integer::sum));
        assertThat(snippetsPerPage.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
        assertThat(retrieval.passages()).hasSizeLessThanOrEqualTo(8);
    }

    private static Retrieval retrieve(DatasetQuestion q, SpaceScope scope, RetrievalMode mode) {
        Question question = new Question(q.question(), List.of(),
                q.conversation().stream().map(t -> new Turn(t.speaker(), t.text())).toList());
        return retriever.retrieve(new KeywordFollowUpRewriter().standalone(question), scope, mode).block();
    }

    private static List<String> topPages(Retrieval retrieval, int k) {
        return retrieval.passages().stream().map(Passage::pageId).distinct().limit(k).toList();
    }
}
