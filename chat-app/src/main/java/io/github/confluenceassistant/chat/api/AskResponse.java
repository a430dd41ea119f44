package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.answer.Citation;

import java.util.List;
import java.util.Locale;

/**
 * An answer as JSON: {@code {"answer": "...", "answered": true, "citations": [...], "mode": "llm" | "extractive"}}.
 * Every text is a JSON string, so page titles and snippets travel as plain text, never as markup.
 */
public record AskResponse(String answer, boolean answered, List<CitationJson> citations, String mode) {

    public record CitationJson(int n, String pageId, String title, String url, String section, String snippet) {

        static CitationJson of(Citation citation) {
            return new CitationJson(citation.n(), citation.pageId(), citation.title(), citation.url(),
                    citation.section(), citation.snippet());
        }
    }

    static AskResponse of(Answer answer) {
        return new AskResponse(answer.text(), answer.answered(),
                answer.citations().stream().map(CitationJson::of).toList(),
                answer.mode().name().toLowerCase(Locale.ROOT));
    }
}
