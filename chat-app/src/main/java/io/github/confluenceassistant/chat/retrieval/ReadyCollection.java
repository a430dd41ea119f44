package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

/** The complete collection built by the configured embedding model: the one the chat app searches. */
public record ReadyCollection(String name, EmbeddingStore<TextSegment> store) {
}
