package io.github.confluenceassistant.shared.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-threaded session computes the vectors of LangChain4j's own BGE-small model: collections built by
 * either are interchangeable, and the model identity stays the same.
 */
class SingleThreadedBgeSmallTest {

    private static final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @Test
    void embedsLikeLangChain4jsOwnModel() {
        List<TextSegment> texts = List.of(
                TextSegment.from("How do I request access to the production database?"),
                TextSegment.from("Deployments to production need two approvals. " + "The on-call engineer reviews the rollout plan. ".repeat(3)),
                // longer than the model's 510-token window: embedded in parts and pooled
                TextSegment.from("Kubernetes cluster upgrade runbook step ".repeat(150)));
        SingleThreadedBgeSmall ours = new SingleThreadedBgeSmall(executor);

        List<Embedding> expected = new BgeSmallEnV15QuantizedEmbeddingModel(executor).embedAll(texts).content();
        List<Embedding> actual = ours.embedAll(texts).content();

        assertThat(ours.dimension()).isEqualTo(384);
        assertThat(actual).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(actual.get(i).vector(), expected.get(i).vector())).as("text %d", i).isGreaterThan(0.9999);
        }
        assertThat(cosine(actual.get(0).vector(), actual.get(2).vector())).as("different texts differ").isLessThan(0.9);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
