package io.github.confluenceassistant.chat.retrieval;

/** Which searches find the passages: the benchmark compares the three, the app uses HYBRID. */
public enum RetrievalMode {
    /** Chroma only: cosine similarity of the embedded question and snippets. */
    VECTOR,
    /** PostgreSQL full-text only: exact words, names and numbers. */
    KEYWORD,
    /** Both, fused by reciprocal rank. */
    HYBRID
}
