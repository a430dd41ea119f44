package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.batch.snippet.SnippetSplitter;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.util.Objects;

/**
 * Turns a source page into snippets: skips pages unchanged since they were written (returns null, so they are
 * counted as filtered), fills a missing body from Confluence when it can, cleans the storage format and splits.
 * Throws {@link UnprocessablePageException} for a page that cannot be ingested; the step skips and records it.
 */
public class PageToSnippetsProcessor implements ItemProcessor<SourcePage, PageSnippets> {

    private final BodySource bodies;
    private final StorageFormatCleaner cleaner;
    private final SnippetSplitter splitter;

    public PageToSnippetsProcessor(BodySource bodies, StorageFormatCleaner cleaner, SnippetSplitter splitter) {
        this.bodies = bodies;
        this.cleaner = cleaner;
        this.splitter = splitter;
    }

    @Override
    public PageSnippets process(SourcePage source) {
        ConfluencePage page = source.page();
        String hash = ContentHash.of(page);
        if (Objects.equals(source.storedVersion(), page.version()) && hash.equals(source.storedHash())) {
            return null;
        }
        ConfluencePage withBody = page.hasBody() ? page : page.withStorageBody(bodies.fetchBody(page));
        PageStructure structure;
        try {
            structure = cleaner.clean(withBody.storageBody());
        } catch (UnprocessablePageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnprocessablePageException("cannot clean the storage format: " + e, e);
        }
        return new PageSnippets(withBody, hash, splitter.split(withBody, structure));
    }
}
