package io.github.confluenceassistant.shared.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class SingleThreadedRunsBgeModelTest {

    @Test
    void givesLangChain4jsBgeVectorsForTheSameTexts() {
        List<TextSegment> texts = List.of(
                TextSegment.from("How do I roll back a deployment?"),
                TextSegment.from("Platform Engineering › Runbooks › Rollback\n\nRun `deployctl rollback --to <release>`; "
                        + "the previous release is kept for 14 days. ".repeat(12)),
                TextSegment.from("word ".repeat(700)), // beyond the 512-token window: both truncate the same way
                TextSegment.from("Tabelle: Spalte: Wert — ünïcödé and emoji 🚀"));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Embedding> ours = new SingleThreadedRunsBgeModel(executor).embedAll(texts).content();
            List<Embedding> theirs = new BgeSmallEnV15QuantizedEmbeddingModel(executor).embedAll(texts).content();

            assertThat(ours).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(ours.get(i).dimension()).isEqualTo(384);
                assertThat(cosine(ours.get(i), theirs.get(i))).as("text %d", i).isGreaterThan(0.99999);
            }
            assertThat(cosine(ours.get(0), ours.get(1))).as("different texts, different vectors").isLessThan(0.95);
        } finally {
            executor.shutdownNow();
        }
    }

    private static double cosine(Embedding a, Embedding b) {
        float[] x = a.vector();
        float[] y = b.vector();
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return dot / Math.sqrt(nx * ny);
    }
}
