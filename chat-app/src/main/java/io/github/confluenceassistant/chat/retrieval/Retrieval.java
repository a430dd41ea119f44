package io.github.confluenceassistant.chat.retrieval;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What a search found.
 *
 * @param query             the text searched for (a follow-up already made standalone)
 * @param passages          the best passages, best first; also filled when they fall below the relevance floor,
 *                          for diagnostics and the benchmark: answer from them only when {@link #found()}
 * @param bestSimilarity    cosine similarity of the best vector match, when the vector search ran and matched
 * @param bestKeywordMatch   share of the question's words in the best keyword match, when the keyword search ran and matched
 */
public record Retrieval(String query, Outcome outcome, RetrievalMode mode, List<Passage> passages,
                        OptionalDouble bestSimilarity, OptionalDouble bestKeywordMatch) {

    public enum Outcome {
        /** The passages pass the relevance floor. */
        FOUND,
        /** Nothing relevant in the spaces searched. */
        NOT_FOUND,
        /** No collection of the configured model yet: the ingestion job has not run. */
        INDEX_EMPTY
    }

    public Retrieval {
        passages = List.copyOf(passages);
    }

    static Retrieval indexEmpty(String query, RetrievalMode mode) {
        return new Retrieval(query, Outcome.INDEX_EMPTY, mode, List.of(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    public boolean found() {
        return outcome == Outcome.FOUND;
    }
}
