package io.github.confluenceassistant.batch.snippet;

import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.List;

/**
 * A page ready to be written: its snippets (possibly none, for a page with no text of its own) and the hash of
 * the source row they were made from.
 */
public record PageSnippets(ConfluencePage page, String contentHash, List<Snippet> snippets) {

    public PageSnippets {
        snippets = List.copyOf(snippets);
    }
}
