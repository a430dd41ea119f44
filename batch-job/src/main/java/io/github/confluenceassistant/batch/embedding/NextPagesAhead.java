package io.github.confluenceassistant.batch.embedding;

import io.github.confluenceassistant.batch.confluence.PageReader;
import io.github.confluenceassistant.batch.confluence.SourcePage;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts embedding the next chunk's first pages while this chunk is written. Without it the model idles at every
 * chunk's end, from its last vector until the next chunk's first page is read and split: the last group goes to
 * Chroma, the state rows are written and the chunk commits (on mtrag-cloud about 3 % of the page step).
 *
 * <p>The pages are only peeked at ({@link PageReader#peek}): the chunk they belong to reads them as usual, so the
 * restart point and the skips are those of the chunk. Their processing is kept and handed to that chunk's
 * processor call, their vectors to {@link EmbeddingsAhead}. A page that fails here is processed again in its own
 * chunk, where it is skipped and recorded like any other. Pages without a body in Airbyte's tables are left to
 * their chunk: their body comes from Confluence's API, and waiting for it here would hold up this chunk's commit.
 */
public class NextPagesAhead implements ItemProcessor<SourcePage, PageSnippets>, ItemWriteListener<PageSnippets> {

    private static final Logger log = LoggerFactory.getLogger(NextPagesAhead.class);

    private final PageReader reader;
    private final ItemProcessor<SourcePage, PageSnippets> processor;
    private final EmbeddingsAhead embeddings;
    private final int pages;
    private final Map<SourcePage, PageSnippets> processedAhead = new HashMap<>();

    /** @param pages how many of the next chunk's pages to start on */
    public NextPagesAhead(PageReader reader, ItemProcessor<SourcePage, PageSnippets> processor,
                          EmbeddingsAhead embeddings, int pages) {
        this.reader = reader;
        this.processor = processor;
        this.embeddings = embeddings;
        this.pages = pages;
    }

    @Override
    public PageSnippets process(SourcePage source) throws Exception {
        PageSnippets ahead = processedAhead.remove(source);
        return ahead != null ? ahead : processor.process(source);
    }

    @Override
    public void beforeWrite(Chunk<? extends PageSnippets> items) {
        if (processedAhead.size() > 2 * pages) {
            processedAhead.clear(); // pages its chunk never asked for (a chunk processed again after an error)
            embeddings.dropAhead();
        }
        try {
            for (SourcePage next : reader.peek(pages)) {
                // a page without a body would be fetched from Confluence here, holding up this chunk's commit
                if (next.page().hasBody() && !processedAhead.containsKey(next)) {
                    startAhead(next);
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Not reading ahead: {}", e.toString()); // the next chunk reads the pages itself
        }
    }

    private void startAhead(SourcePage source) {
        PageSnippets page;
        try {
            page = processor.process(source);
        } catch (Exception e) {
            return; // processed again in its own chunk, where it is skipped and recorded
        }
        if (page != null) {
            processedAhead.put(source, page);
            embeddings.startAhead(page);
        }
    }
}
