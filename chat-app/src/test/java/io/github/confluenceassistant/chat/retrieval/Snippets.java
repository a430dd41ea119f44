package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;

import java.time.Instant;

/** Small snippet fixtures for tests that need no index. */
public final class Snippets {

    private Snippets() {
    }

    public static Snippet snippet(String pageId, String section, int chunkIndex, String text) {
        return new Snippet(Snippet.idFor(pageId, 1, chunkIndex), pageId, "ENG", "page", "Page " + pageId,
                "https://example.atlassian.net/wiki/spaces/ENG/pages/" + pageId, section, "ENG › Page " + pageId, 1,
                Instant.parse("2026-01-01T00:00:00Z"), chunkIndex, text);
    }

    public static ScoredSnippet scored(Snippet snippet, double score) {
        return new ScoredSnippet(snippet, score);
    }

    public static Passage passage(String pageId, String title, String section, String text) {
        Snippet s = new Snippet(Snippet.idFor(pageId, 3, 0), pageId, "ENG", "page", title,
                "https://example.atlassian.net/wiki/spaces/ENG/pages/" + pageId + "#" + section, section,
                "ENG › " + title, 3, Instant.parse("2026-01-01T00:00:00Z"), 0, text);
        return Passage.of(java.util.List.of(s), 1.0);
    }
}
