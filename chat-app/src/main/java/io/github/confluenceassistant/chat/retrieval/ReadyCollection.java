package io.github.confluenceassistant.chat.retrieval;


/** The complete collection built by the configured embedding model: the one the chat app searches. */
public record ReadyCollection(String name, String id) {
}
