package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.job.IndexSnapshot;
import io.github.confluenceassistant.batch.job.IngestionJobConfig;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8: whichever Airbyte wrote the tables (connector 1.x or 0.x, destination 2.x with raw and final tables,
 * 3.x with final tables only, or 3.x with raw tables only), the job reads the same pages and writes the same
 * snippets. Table schema, stream prefix and sync mode are the connection's choice, so they are configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class AirbyteLayoutsTest {

    private static final String SPACE_NAME = "Platform Engineering Handbook";
    private static final String LAYOUT_LINE = "Airbyte layout: ";

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final ConfluenceDataset demo = ConfluenceDataset.demoSpace();

    @Test
    void everyLayoutEndsWithTheSameSnippetsInTheStateTableAndInChroma(CapturedOutput output) {
        Map<AirbyteLayout, IndexSnapshot> indexes = new EnumMap<>(AirbyteLayout.class);
        Map<AirbyteLayout, String> layoutLines = new EnumMap<>(AirbyteLayout.class);
        for (AirbyteLayout layout : AirbyteLayout.values()) {
            String database = infra.newDatabase("layout_" + layout.name());
            new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", layout,
                    SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(demo, 1);
            int logged = output.getOut().length();
            try (JobHarness job = JobHarness.start(JobHarness.baseProperties(infra, database,
                    infra.uniqueName("layout-" + layout.cliName())))) {
                JobExecution execution = job.run();

                assertThat(execution.getStatus()).as(layout.name()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(execution.getExitStatus().getExitCode()).as(layout + ": nothing skipped")
                        .isEqualTo(ExitStatus.COMPLETED.getExitCode());
                assertThat(JobHarness.step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount())
                        .as(layout.name()).isEqualTo(demo.pages().size() + demo.blogPosts().size());
                indexes.put(layout, job.index().assertChromaAgreesWithStateTable());
                layoutLines.put(layout, output.getOut().substring(logged).lines()
                        .filter(line -> line.contains(LAYOUT_LINE)).findFirst()
                        .map(line -> line.substring(line.indexOf(LAYOUT_LINE) + LAYOUT_LINE.length()))
                        .orElse("(not logged)"));
            }
        }

        IndexSnapshot reference = indexes.get(AirbyteLayout.CONNECTOR_1X_FINAL);
        assertThat(reference.snippets()).hasSizeGreaterThan(demo.pages().size());
        indexes.forEach((layout, index) -> {
            assertThat(index.snippetIds()).as(layout + ": snippet ids").isEqualTo(reference.snippetIds());
            assertThat(index.textsById()).as(layout + ": snippet texts").isEqualTo(reference.textsById());
        });
        for (AirbyteLayout layout : List.of(AirbyteLayout.CONNECTOR_1X_RAW_FINAL, AirbyteLayout.RAW_ONLY)) {
            assertThat(indexes.get(layout).breadcrumbsById()).as(layout + ": breadcrumbs")
                    .isEqualTo(reference.breadcrumbsById());
        }
        // Connector 0.x records have no parent (REST v1 without expand=ancestors): the breadcrumb is space › title.
        assertThat(reference.breadcrumbsById()).containsValue(SPACE_NAME + " › Platform Engineering Handbook › Runbooks"
                + " › On-call handbook › Incident severity levels");
        indexes.get(AirbyteLayout.CONNECTOR_0X_RAW_FINAL).snippets().values().forEach(snippet ->
                assertThat(snippet.breadcrumb()).isEqualTo(SPACE_NAME + " › " + titleOf(snippet.pageId())));

        assertThat(layoutLines)
                .containsEntry(AirbyteLayout.CONNECTOR_1X_FINAL,
                        "source-confluence 1.x columns, destination final tables in schema confluence")
                .containsEntry(AirbyteLayout.CONNECTOR_1X_RAW_FINAL,
                        "source-confluence 1.x columns, destination final tables in schema confluence")
                .containsEntry(AirbyteLayout.RAW_ONLY,
                        "source-confluence 1.x columns, destination raw tables (_airbyte_data) in schema airbyte_internal");
        assertThat(layoutLines.get(AirbyteLayout.CONNECTOR_0X_RAW_FINAL))
                .startsWith("source-confluence 0.x columns, destination final tables in schema confluence")
                .contains("blog posts from \"airbyte_internal\".\"confluence_raw__stream_blog_posts\"");
    }

    @Test
    void inAppendModeAPageMissingFromTheNewestSyncIsPrunedAndAnEditIsReadOnce() {
        String database = infra.newDatabase("append");
        AirbyteTableWriter airbyte = new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.APPEND, BodyMode.PRESENT);
        airbyte.write(demo, 1);
        try (JobHarness job = JobHarness.start(JobHarness.baseProperties(infra, database, infra.uniqueName("append")))) {
            assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            String deleted = "200028";  // Glossary
            String edited = "200027";   // Team rituals
            airbyte.write(demo.withoutPage(deleted).withPageEdited(edited, "<p>Stand-up is now at 09:40.</p>"), 2);

            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(job.jdbc().queryForObject("select count(*) from confluence.pages where id = ?", Integer.class,
                    deleted)).as("append keeps the rows of the older sync").isEqualTo(1);
            IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
            assertThat(index.pageIds()).doesNotContain(deleted).contains(edited)
                    .hasSize(demo.pages().size() + demo.blogPosts().size() - 1);
            assertThat(JobHarness.step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount())
                    .as("only the edit is written, once").isEqualTo(1);
            int version = demo.page(edited).orElseThrow().get("version").get("number").asInt() + 1;
            assertThat(index.snippets().values()).filteredOn(s -> s.pageId().equals(edited))
                    .singleElement().extracting(IndexSnapshot.IndexedSnippet::text).isEqualTo("Stand-up is now at 09:40.");
            assertThat(index.snippetIds()).filteredOn(id -> id.startsWith(edited + ":"))
                    .containsExactly(edited + ":" + version + ":0");
        }
    }

    @Test
    void finalTablesInACustomSchemaWithAStreamPrefixAreFoundThroughConfiguration() {
        assertIngestedFrom(AirbyteLayout.CONNECTOR_1X_FINAL, "kb_wiki", "conf_");
    }

    @Test
    void rawTablesOfACustomSchemaAndPrefixAreNamedAsAirbyteNamesThem() {
        // Airbyte lengthens the "__" before "stream_" when the names hold "__": kb_wiki_raw___stream_conf__pages
        assertIngestedFrom(AirbyteLayout.RAW_ONLY, "kb_wiki", "conf__");
    }

    private void assertIngestedFrom(AirbyteLayout layout, String schema, String prefix) {
        ConfluenceDataset pages = ConfluenceDataset.of(demo.spaces(), demo.pages().subList(0, 4), demo.blogPosts(),
                List.of());
        String database = infra.newDatabase("custom_schema");
        AirbyteTableWriter airbyte = new AirbyteTableWriter(infra.postgres().dataSource(database), schema, prefix,
                layout, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);
        airbyte.write(pages, 1);
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("custom"));
        properties.put("assistant.airbyte.tables.schema", schema);
        properties.put("assistant.airbyte.tables.stream-prefix", prefix);
        try (JobHarness job = JobHarness.start(properties)) {
            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(JobHarness.step(execution, IngestionJobConfig.INGEST_STEP).getWriteCount())
                    .as("pages and blog posts read from " + airbyte.tableToRead("pages"))
                    .isEqualTo(pages.pages().size() + pages.blogPosts().size());
        }
    }

    private String titleOf(String pageId) {
        return Stream.concat(demo.pages().stream(), demo.blogPosts().stream())
                .filter(p -> p.get("id").asString().equals(pageId)).findFirst().orElseThrow().get("title").asString();
    }

}
