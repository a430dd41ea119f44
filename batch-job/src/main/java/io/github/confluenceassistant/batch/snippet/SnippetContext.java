package io.github.confluenceassistant.batch.snippet;

import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.shared.snippet.Snippet;

/**
 * What every snippet of a section shares: where it sits (breadcrumb, section), its link, and how many tokens that
 * context takes of the embedded text.
 */
record SnippetContext(String breadcrumb, String section, String url, int tokens) {

    /** The context as {@link Snippet#textForEmbedding()} writes it before the text, whatever that format is. */
    static String prefix(String breadcrumb, String section) {
        return probe(breadcrumb, section, "").textForEmbedding();
    }

    String embeddingText(String text) {
        return probe(breadcrumb, section, text).textForEmbedding();
    }

    Snippet snippet(ConfluencePage page, int index, String text) {
        return new Snippet(Snippet.idFor(page.id(), page.version(), index), page.id(), page.spaceKey(),
                page.contentType(), page.title(), url, section, breadcrumb, page.version(), page.lastModified(),
                index, text);
    }

    private static Snippet probe(String breadcrumb, String section, String text) {
        return new Snippet("", "", null, null, null, null, section, breadcrumb, 0, null, 0, text);
    }
}
