package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.vectorstore.CollectionTarget;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.web.reactive.function.client.WebClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job end to end on the demo space: real PostgreSQL with Airbyte's current table layout (connector 1.x,
 * destination 3.x), the real BGE model, real Chroma. Scenarios build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSpaceIngestionTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final String database = infra.newDatabase("demo");
    private AirbyteTableWriter airbyte;
    private ConfluenceDataset dataset = ConfluenceDataset.demoSpace();
    private long syncId = 1;
    private JobHarness job;

    @BeforeAll
    void syncAndStart() {
        airbyte = new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);
        airbyte.write(dataset, syncId);
        job = JobHarness.start(JobHarness.baseProperties(infra, database, infra.uniqueName("demo")));
    }

    @AfterAll
    void stop() {
        job.close();
    }

    @Test
    @Order(1)
    void firstRunIndexesEveryPageAndChromaAgreesWithTheStateTable() {
        JobExecution execution = job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution ingest = step(execution, IngestionJobConfig.INGEST_STEP);
        int pages = dataset.pages().size() + dataset.blogPosts().size();
        assertThat(ingest.getReadCount()).isEqualTo(pages);
        assertThat(ingest.getWriteCount()).isEqualTo(pages);
        assertThat(ingest.getProcessSkipCount()).isZero();
        assertThat(statePages()).isEqualTo(pages);
        long snippets = stateSnippets();
        assertThat(snippets).isGreaterThan(pages);
        assertThat(chromaCount()).isEqualTo(snippets);
        assertThat(keywordRows()).isEqualTo(snippets);
        assertChromaHoldsVectorsWithoutTexts();
        assertThat(job.jdbc().queryForObject("select short_context from batch_job_execution_context where job_execution_id = ?",
                String.class, execution.getId())).as("the run reports its peak heap").contains(IngestionJobListener.PEAK_HEAP_MB);
    }

    @Test
    @Order(2)
    void secondRunWithNothingChangedWritesNothing() {
        long before = chromaCount();
        JobExecution execution = job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution ingest = step(execution, IngestionJobConfig.INGEST_STEP);
        assertThat(ingest.getWriteCount()).isZero();
        assertThat(ingest.getFilterCount()).isEqualTo(ingest.getReadCount());
        assertThat(chromaCount()).isEqualTo(before);
        assertThat(execution.getJobInstance().getInstanceId())
                .as("a run after a successful one is a new job instance").isGreaterThan(1);
    }

    @Test
    @Order(3)
    void editedAddedAndDeletedPagesChangeExactlyTheirSnippets() {
        String edited = "200027";   // Team rituals
        String deleted = "200028";  // Glossary
        Set<String> untouchedBefore = snippetIdsExcept(edited, deleted);
        var newPage = dataset.page("200029").orElseThrow().deepCopy();
        newPage.put("id", "209999");
        newPage.put("title", "Brand new page about the quarterly hack week");
        ((tools.jackson.databind.node.ObjectNode) newPage.get("body").get("storage"))
                .put("value", "<h2>Hack week</h2><p>The quarterly hack week starts on the first Monday of March.</p>");
        dataset = dataset.withPageEdited(edited, "<h2>Rituals</h2><p>Stand-up is now at 09:40 every weekday.</p>")
                .withoutPage(deleted)
                .withPage(newPage);
        airbyte.write(dataset, ++syncId);

        JobExecution execution = job.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount()).isEqualTo(2);
        assertThat(snippetIdsOf(deleted)).isEmpty();
        assertThat(snippetIdsOf("209999")).isNotEmpty().allMatch(id -> id.startsWith("209999:"));
        int editedVersion = dataset.page(edited).orElseThrow().get("version").get("number").asInt();
        assertThat(snippetIdsOf(edited)).isNotEmpty().allMatch(id -> id.startsWith(edited + ":" + editedVersion + ":"));
        assertThat(snippetIdsExcept(edited, deleted, "209999")).isEqualTo(untouchedBefore);
        assertThat(chromaCount()).isEqualTo(stateSnippets());
        assertThat(job.jdbc().queryForObject("select count(*) from assistant.ingest_snippet where text like '%09:40%'",
                Long.class)).isEqualTo(1);
    }

    private StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    private long statePages() {
        return job.jdbc().queryForObject("select count(*) from assistant.ingest_page_state where collection = ?", Long.class,
                collection());
    }

    private long stateSnippets() {
        return job.jdbc().queryForObject("select sum(snippet_count) from assistant.ingest_page_state where collection = ?",
                Long.class, collection());
    }

    private long keywordRows() {
        return job.jdbc().queryForObject("select count(*) from assistant.ingest_snippet where collection = ?", Long.class,
                collection());
    }

    private Set<String> snippetIdsOf(String pageId) {
        return new TreeSet<>(job.jdbc().queryForList("select id from assistant.ingest_snippet where collection = ? and page_id = ?",
                String.class, collection(), pageId));
    }

    private Set<String> snippetIdsExcept(String... pageIds) {
        return new TreeSet<>(job.jdbc().queryForList(
                "select id from assistant.ingest_snippet where collection = ? and not (page_id = any(?))",
                String.class, collection(), pageIds));
    }

    private String collection() {
        return job.bean(CollectionTarget.class).name();
    }

    /** A record is an id, a vector and the four keys; the texts are only in ingest_snippet. */
    @SuppressWarnings("unchecked")
    private void assertChromaHoldsVectorsWithoutTexts() {
        ChromaCollections collections = job.bean(ChromaCollections.class);
        Map<String, Object> records = WebClient.builder().baseUrl(job.bean(ChromaProperties.class).url())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .post().uri("/api/v2/tenants/default_tenant/databases/default_database/collections/{id}/get",
                        collections.find(collection()).orElseThrow().id())
                .bodyValue(Map.of("limit", 10_000, "include", List.of("documents", "metadatas")))
                .retrieve().bodyToMono(Map.class).block();
        List<String> ids = (List<String>) records.get("ids");
        assertThat(ids).hasSize((int) chromaCount());
        assertThat((List<Object>) records.get("documents")).as("no texts in Chroma").containsOnlyNulls();
        List<Map<String, Object>> metadatas = (List<Map<String, Object>>) records.get("metadatas");
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> metadata = metadatas.get(i);
            assertThat(metadata).containsOnlyKeys(SnippetMetadata.PAGE_ID, SnippetMetadata.SPACE_KEY,
                    SnippetMetadata.PAGE_VERSION, SnippetMetadata.CHUNK_INDEX);
            assertThat(ids.get(i)).isEqualTo(Snippet.idFor((String) metadata.get(SnippetMetadata.PAGE_ID),
                    ((Number) metadata.get(SnippetMetadata.PAGE_VERSION)).intValue(),
                    ((Number) metadata.get(SnippetMetadata.CHUNK_INDEX)).intValue()));
        }
        assertThat(job.jdbc().queryForObject("""
                select count(*) from assistant.ingest_snippet where collection = ? and id = any(?) and text <> ''""",
                Long.class, collection(), ids.toArray(String[]::new))).as("each vector's text is in PostgreSQL")
                .isEqualTo(ids.size());
    }

    private long chromaCount() {
        ChromaCollections collections = job.bean(ChromaCollections.class);
        return collections.count(collections.find(collection()).orElseThrow().id());
    }
}
