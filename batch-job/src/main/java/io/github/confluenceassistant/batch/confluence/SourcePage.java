package io.github.confluenceassistant.batch.confluence;

/**
 * A page as read from Airbyte's tables, with what the state table says was last written for it.
 *
 * @param storedVersion null when the page was never written to the current collection
 */
public record SourcePage(ConfluencePage page, Integer storedVersion, String storedHash) {
}
