package io.github.confluenceassistant.chat.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The index the chat app answers from, and whether it is fresh.
 *
 * @param collection      the Chroma collection of the configured embedding model
 * @param model           the embedding model's id
 * @param status          READY or BUILDING as the job registered it, or NONE when it never has
 * @param chromaCount     the records in Chroma, or null when Chroma has no such collection or is unreachable
 * @param chromaProblem   why there is no count, if there is none
 * @param stateSnippets   the snippets the page-state table says the collection holds
 * @param lastSuccess     the end of the last successful indexing run, or null
 * @param stale           whether that is longer ago than twice the expected interval (or never)
 */
public record IndexHealth(String collection, String model, String status, Instant readyAt, Long chromaCount,
                          String chromaProblem, long stateSnippets, List<SpaceCount> spaces, Instant lastSuccess,
                          Long lastSuccessExecutionId, Duration expectedInterval, boolean stale) {

    public record SpaceCount(String spaceKey, long pages, long snippets) {
    }

    public long pages() {
        return spaces.stream().mapToLong(SpaceCount::pages).sum();
    }

    /** Chroma and the state table agree on the number of snippets. */
    public boolean consistent() {
        return chromaCount != null && chromaCount == stateSnippets;
    }

    public Duration lastSuccessAge(Instant now) {
        return lastSuccess == null ? null : Duration.between(lastSuccess, now);
    }
}
