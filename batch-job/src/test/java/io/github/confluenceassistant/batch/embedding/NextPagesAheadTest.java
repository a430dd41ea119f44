package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.batch.confluence.PageReader;
import io.github.confluenceassistant.batch.confluence.SourcePage;
import io.github.confluenceassistant.batch.confluence.UnprocessablePageException;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While a chunk is written, the next chunk's first pages are processed and embedded; their chunk then takes the
 * processing and the vectors over instead of doing the work again, and a page that failed ahead fails in its own
 * chunk, where the step skips and records it.
 */
class NextPagesAheadTest {

    private final List<String> embedded = new CopyOnWriteArrayList<>();
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final EmbeddingModel model = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            // the embedded text is the snippet's context and text; its text is the page id
            List<String> ids = segments.stream().map(s -> s.text().substring(s.text().lastIndexOf('\n') + 1)).toList();
            embedded.addAll(ids);
            return Response.from(ids.stream().map(id -> Embedding.from(new float[]{Float.parseFloat(id)})).toList());
        }
    };
    private final SnippetEmbedder embedder = FakeEmbedders.of(model);
    private final EmbeddingLane lane = EmbeddingLane.batching(embedder, 10);
    private final EmbeddingsAhead embeddings = new EmbeddingsAhead(lane, embedder);
    private final ItemProcessor<SourcePage, PageSnippets> processor = source -> {
        processed.add(source.page().id());
        if ("broken".equals(source.page().storageBody())) {
            throw new UnprocessablePageException("cannot clean the storage format");
        }
        return new PageSnippets(source.page(), "hash", List.of(snippet(source.page())));
    };

    @AfterEach
    void close() {
        lane.close();
        embedder.close();
    }

    @Test
    void theNextChunkTakesOverWhatWasDoneAhead() throws Exception {
        SourcePage third = page("3", "<p>three</p>");
        SourcePage fourth = page("4", "<p>four</p>");
        NextPagesAhead ahead = new NextPagesAhead(peeking(third, fourth), processor, embeddings, 2);

        ahead.beforeWrite(new Chunk<>()); // chunk one is being written
        assertThat(processed).containsExactly("3", "4");

        PageSnippets page = ahead.process(third); // chunk two
        embeddings.afterProcess(third, page);
        assertThat(embeddings.embeddingsOf(page)).extracting(e -> e.vector()[0]).containsExactly(3f);
        assertThat(processed).containsExactly("3", "4");
        assertThat(embedded).containsExactlyInAnyOrder("3", "4");
    }

    @Test
    void aPageThatFailsAheadFailsAgainInItsOwnChunk() throws Exception {
        SourcePage broken = page("5", "broken");
        NextPagesAhead ahead = new NextPagesAhead(peeking(broken), processor, embeddings, 2);

        ahead.beforeWrite(new Chunk<>());

        assertThatThrownBy(() -> ahead.process(broken)).isInstanceOf(UnprocessablePageException.class);
        assertThat(processed).containsExactly("5", "5");
        assertThat(embedded).isEmpty();
    }

    @Test
    void aPageWithoutABodyIsLeftToItsChunk() throws Exception {
        SourcePage withoutBody = page("7", null);
        NextPagesAhead ahead = new NextPagesAhead(peeking(withoutBody), processor, embeddings, 2);

        ahead.beforeWrite(new Chunk<>()); // its body would be fetched from Confluence now, holding up the commit

        assertThat(processed).isEmpty();
    }

    @Test
    void aPageNotDoneAheadIsProcessedAndEmbeddedAsUsual() throws Exception {
        SourcePage sixth = page("6", "<p>six</p>");
        NextPagesAhead ahead = new NextPagesAhead(peeking(), processor, embeddings, 2);

        PageSnippets page = ahead.process(sixth);
        embeddings.afterProcess(sixth, page);

        assertThat(embeddings.embeddingsOf(page)).extracting(e -> e.vector()[0]).containsExactly(6f);
        assertThat(processed).containsExactly("6");
    }

    /** A reader whose next pages are these; reading itself is {@link PageReader}'s own (tested with the job). */
    private static PageReader peeking(SourcePage... next) {
        return new PageReader(null, null, null, "collection", null) {
            @Override
            public List<SourcePage> peek(int count) {
                return List.of(next).subList(0, Math.min(count, next.length));
            }
        };
    }

    private static SourcePage page(String id, String body) {
        return new SourcePage(new ConfluencePage(id, "page", "current", "ENG", "Engineering", "Page " + id, 1,
                Instant.EPOCH, "https://wiki/" + id, List.of(), body), null, null);
    }

    private static Snippet snippet(ConfluencePage page) {
        return new Snippet(page.id() + ":1:0", page.id(), "ENG", "page", page.title(), page.url(), "", "ENG", 1,
                Instant.EPOCH, 0, page.id());
    }
}
