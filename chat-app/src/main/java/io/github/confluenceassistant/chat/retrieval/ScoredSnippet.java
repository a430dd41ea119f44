package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;

/** A snippet with the score one search (or the fusion) gave it; higher is better. */
public record ScoredSnippet(Snippet snippet, double score) {

    public String id() {
        return snippet.id();
    }
}
