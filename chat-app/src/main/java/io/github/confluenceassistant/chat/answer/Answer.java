package io.github.confluenceassistant.chat.answer;

import java.util.List;

/**
 * An answer built only from the user's Confluence.
 *
 * @param text      Markdown; [n] marks refer to {@code citations}
 * @param answered  false when the space does not hold the answer ("not found in Confluence"); then no citations
 */
public record Answer(String text, boolean answered, List<Citation> citations, AnswerMode mode) {

    public Answer {
        citations = List.copyOf(citations);
    }
}
