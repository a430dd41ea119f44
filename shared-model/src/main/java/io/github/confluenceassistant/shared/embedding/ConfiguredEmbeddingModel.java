package io.github.confluenceassistant.shared.embedding;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * An embedding model with what the rest of the product needs to know about it: its identity (which
 * collection it may read or write), its own tokenizer and its input window (so the splitter never hands it
 * more than it can see).
 */
public record ConfiguredEmbeddingModel(
        EmbeddingModel model,
        EmbeddingModelIdentity identity,
        TokenCountEstimator tokenCounter,
        int maxInputTokens) {
}
