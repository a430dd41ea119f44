package io.github.confluenceassistant.chat.answer;

import java.time.Instant;

/**
 * A numbered source under an answer: the passage it quotes and where to open it.
 *
 * @param n          the number used as [n] in the answer text
 * @param snippetIds the snippets merged into this passage (for the audit trail)
 * @param url        page URL with the section anchor
 * @param snippet    the passage text (plain text, never HTML)
 */
public record Citation(
        int n,
        java.util.List<String> snippetIds,
        String pageId,
        int pageVersion,
        String spaceKey,
        String title,
        String breadcrumb,
        String section,
        String url,
        Instant lastModified,
        String snippet) {
}
