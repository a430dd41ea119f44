package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.snippet.Snippet;

import java.time.Instant;
import java.util.List;

/**
 * What an answer quotes and cites: one snippet, or neighbouring snippets of the same page section joined into
 * one text (the overlap the splitter repeats between them taken out).
 *
 * @param snippets in page order (ascending chunk index)
 * @param score    the fused score of its best snippet
 */
public record Passage(List<Snippet> snippets, String text, double score) {

    public Passage {
        snippets = List.copyOf(snippets);
        if (snippets.isEmpty()) {
            throw new IllegalArgumentException("A passage needs at least one snippet");
        }
    }

    public static Passage of(List<Snippet> snippetsInPageOrder, double score) {
        String text = snippetsInPageOrder.getFirst().text();
        for (Snippet next : snippetsInPageOrder.subList(1, snippetsInPageOrder.size())) {
            text = PassageText.join(text, next.text());
        }
        return new Passage(snippetsInPageOrder, text, score);
    }

    private Snippet first() {
        return snippets.getFirst();
    }

    public String pageId() {
        return first().pageId();
    }

    public String spaceKey() {
        return first().spaceKey();
    }

    public String title() {
        return first().title();
    }

    public String section() {
        return first().section();
    }

    public String breadcrumb() {
        return first().breadcrumb();
    }

    public int pageVersion() {
        return first().pageVersion();
    }

    public Instant lastModified() {
        return first().lastModified();
    }

    /** The page URL with the anchor of the passage's section. */
    public String url() {
        return first().url();
    }

    public List<String> snippetIds() {
        return snippets.stream().map(Snippet::id).toList();
    }
}
