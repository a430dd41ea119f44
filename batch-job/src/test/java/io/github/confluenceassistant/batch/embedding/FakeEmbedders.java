package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;

import java.time.Duration;

/** A {@link SnippetEmbedder} over a test's own model: one inference thread, no retries worth waiting for. */
final class FakeEmbedders {

    private FakeEmbedders() {
    }

    static SnippetEmbedder of(EmbeddingModel model) {
        return new SnippetEmbedder(
                new ConfiguredEmbeddingModel(model, new EmbeddingModelIdentity(EmbeddingProvider.BGE_SMALL_IN_PROCESS,
                        "fake", 1), null, 512),
                new EmbeddingProperties(EmbeddingProvider.BGE_SMALL_IN_PROCESS, "fake", "", null, 0, 0, 1, 64,
                        Duration.ofSeconds(5)));
    }
}
