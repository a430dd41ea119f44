package io.github.confluenceassistant.batch.vectorstore;

import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;

/** The collection this run writes: named after the embedding model that fills it. */
public record CollectionTarget(String name, EmbeddingModelIdentity model) {
}
