package io.github.confluenceassistant.batch.job;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.batch.state.PageStateRepository;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk killed after it sent a new page's snippets to Chroma and before it committed, whose page then leaves the
 * source before the restart: nothing would ever write or prune that page again, so without a trace its snippets
 * stayed in Chroma for good, citable by the chat app. The writer notes each page before it goes to Chroma; the
 * prune step removes the snippets of noted pages the state table does not know.
 */
class UncommittedPagesTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void snippetsAKilledChunkSentToChromaForAPageNoRunWroteSinceArePruned() {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        String database = infra.newDatabase("uncommitted");
        AirbyteTableWriter airbyte = new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);
        airbyte.write(demo, 1);
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("uncommitted"));
        try (JobHarness job = JobHarness.start(properties)) {
            assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(pendingRows(job)).as("every chunk committed: nothing left pending").isZero();
            int indexed = job.index().assertChromaAgreesWithStateTable().snippetIds().size();

            // what a chunk killed between its Chroma write and its commit leaves: the note, and the snippets
            PageSnippets gone = page("gone-1", 3);
            job.bean(PageStateRepository.class).notePending(job.collection(), List.of(gone));
            ChromaCollections chroma = job.bean(ChromaCollections.class);
            chroma.add(chroma.find(job.collection()).orElseThrow().id(),
                    gone.snippets().stream().map(Snippet::id).toList(),
                    gone.snippets().stream().map(s -> vector(s.chunkIndex()).vector()).toList(),
                    gone.snippets().stream().map(SnippetMetadata::of).toList());
            assertThat(job.index().chromaIds()).hasSize(indexed + 3);

            assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);

            assertThat(job.index().assertChromaAgreesWithStateTable().chromaIds()).hasSize(indexed)
                    .noneMatch(id -> id.startsWith("gone-1:"));
            assertThat(pendingRows(job)).isZero();
        }
    }

    private static int pendingRows(JobHarness job) {
        return job.jdbc().queryForObject("select count(*) from assistant.ingest_pending_page", Integer.class);
    }

    private static PageSnippets page(String id, int snippets) {
        ConfluencePage page = new ConfluencePage(id, "page", "current", "ENG", "Engineering", "A page since deleted", 1,
                Instant.now(), "https://wiki.example.com/" + id, List.of(), "<p>gone</p>");
        return new PageSnippets(page, "hash", IntStream.range(0, snippets)
                .mapToObj(i -> new Snippet(id + ":1:" + i, id, "ENG", "page", page.title(), page.url(), "", "ENG", 1,
                        page.lastModified(), i, "Text of a page that was deleted, part " + i))
                .toList());
    }

    private static Embedding vector(int seed) {
        float[] v = new float[384];
        v[seed % 384] = 1;
        return Embedding.from(v);
    }
}
