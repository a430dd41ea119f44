package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;
import io.github.confluenceassistant.chat.retrieval.Retrieval;
import io.github.confluenceassistant.chat.retrieval.RetrievalMode;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import io.github.confluenceassistant.chat.retrieval.SpaceScope;
import io.github.confluenceassistant.chat.retrieval.TestIndexes;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the measurement behind the relevance floor's defaults ({@code RelevanceFloor}). Ingests a dataset
 * with answerable and unanswerable questions, retrieves for each question as the app would (keyword follow-up
 * rule, each mode) and prints, per threshold, the share of answerable questions kept and of unanswerable ones
 * rejected. Run: {@code ./mvnw -o -pl chat-app test -Dtest=RelevanceFloorCalibration -Dcalibrate=mtrag-cloud -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "calibrate", matches = ".+")
class RelevanceFloorCalibration {

    @Test
    void printFloorCalibration() {
        String name = System.getProperty("calibrate");
        ConfluenceDataset dataset = name.equals("demo") ? ConfluenceDataset.demoSpace()
                : ConfluenceDataset.load(TestInfrastructure.dataset(name));
        long start = System.nanoTime();
        IngestedIndex index = name.equals("demo") ? IngestedIndex.demoSpace() : IngestedIndex.ingest(dataset, "calibration");
        System.out.printf("Ingested %s in %d s%n", name, (System.nanoTime() - start) / 1_000_000_000);
        SnippetRetriever retriever = TestIndexes.retriever(index, Map.of());
        KeywordFollowUpRewriter rewriter = new KeywordFollowUpRewriter();

        List<double[]> rows = new ArrayList<>(); // answerable, hybrid cos, keyword rank, hit@5 hybrid, hit@5 vector, hit@5 keyword
        for (DatasetQuestion q : dataset.questions()) {
            Question question = new Question(q.question(), List.of(),
                    q.conversation().stream().map(t -> new Turn(t.speaker(), t.text())).toList());
            String query = rewriter.standalone(question);
            Retrieval hybrid = retriever.retrieve(query, SpaceScope.all(), RetrievalMode.HYBRID).block();
            Retrieval vector = retriever.retrieve(query, SpaceScope.all(), RetrievalMode.VECTOR).block();
            Retrieval keyword = retriever.retrieve(query, SpaceScope.all(), RetrievalMode.KEYWORD).block();
            rows.add(new double[]{q.answerable() ? 1 : 0,
                    hybrid.bestSimilarity().orElse(-1), hybrid.bestKeywordMatch().orElse(0),
                    hit(hybrid, q, 5), hit(vector, q, 5), hit(keyword, q, 5)});
            System.out.printf("%s answerable=%s cos=%.3f kw=%.3f hit5(h/v/k)=%s/%s/%s %s%n", q.id(), q.answerable(),
                    hybrid.bestSimilarity().orElse(-1), hybrid.bestKeywordMatch().orElse(0),
                    hit(hybrid, q, 5), hit(vector, q, 5), hit(keyword, q, 5), query);
        }
        List<double[]> withPages = rows.stream().filter(r -> r[0] == 1).toList();
        System.out.printf("hit@5 over %d answerable: hybrid %.3f vector %.3f keyword %.3f%n", withPages.size(),
                mean(withPages, 3), mean(withPages, 4), mean(withPages, 5));
        System.out.println("threshold  answerable-kept  unanswerable-rejected   (cosine of the best vector match; kw: share of the question's words in the best keyword match)");
        for (double t = 0.50; t <= 0.901; t += 0.01) {
            System.out.printf("cos %.2f   %.3f   %.3f%n", t, share(rows, 1, 1, t, true), share(rows, 0, 1, t, false));
        }
        for (double t : new double[]{0.1, 0.2, 0.25, 0.3, 0.34, 0.4, 0.45, 0.5, 0.6, 0.67, 0.75}) {
            System.out.printf("kw  %.2f   %.3f   %.3f%n", t, share(rows, 1, 2, t, true), share(rows, 0, 2, t, false));
        }
    }

    private static double hit(Retrieval retrieval, DatasetQuestion q, int k) {
        if (q.relevantPageIds().isEmpty()) {
            return 0;
        }
        List<String> pages = retrieval.passages().stream().map(Passage::pageId).distinct().limit(k).toList();
        return pages.stream().anyMatch(q.relevantPageIds()::contains) ? 1 : 0;
    }

    private static double mean(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).average().orElse(0);
    }

    /** Share of rows of the given answerability whose score is at/above (kept) or below (rejected) t. */
    private static double share(List<double[]> rows, int answerable, int column, double t, boolean kept) {
        List<double[]> group = rows.stream().filter(r -> r[0] == answerable).toList();
        return group.stream().filter(r -> (r[column] >= t) == kept).count() / (double) Math.max(1, group.size());
    }
}
