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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages no cleaner was written for, beside the demo space: each is either ingested or skipped with its id, title
 * and reason in {@code assistant.ingest_skipped_page}; none takes a good page or the run down with it.
 */
class BadPagesTest {

    private static final String MALFORMED = "290001";
    private static final String TEN_MEGABYTES = "290002";
    private static final String EMPTY = "290003";
    private static final String WHITESPACE_MARKUP = "290004";
    private static final String BINARY_JUNK = "290005";
    private static final String ONE_LONG_LINE = "290006";
    private static final String NESTED_CDATA = "290007";

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void everyBadPageIsIngestedOrRecordedAndEveryGoodPageIsIngested() {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        Map<String, String> badPages = badPages();
        ConfluenceDataset dataset = demo;
        for (Map.Entry<String, String> bad : badPages.entrySet()) {
            dataset = dataset.withPage(page(demo, bad.getKey(), bad.getValue()));
        }
        String database = infra.newDatabase("bad_pages");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);

        try (JobHarness job = JobHarness.start(JobHarness.baseProperties(infra, database, infra.uniqueName("bad")))) {
            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
            Set<String> goodPages = ids(demo);
            assertThat(index.pageIds()).as("every good page is ingested").containsAll(goodPages);
            assertThat(goodPages).allMatch(id -> index.snippetCountByPage().get(id) > 0);

            Map<String, Skipped> skipped = skippedPages(job, execution.getId());
            for (String id : badPages.keySet()) {
                assertThat(index.pageIds().contains(id) ^ skipped.containsKey(id))
                        .as("page %s is either ingested or recorded as skipped", id).isTrue();
            }
            skipped.forEach((id, page) -> {
                assertThat(page.title()).as("title of skipped page " + id).isEqualTo(badPages.get(id));
                assertThat(page.reason()).as("reason for skipped page " + id).isNotBlank()
                        .isNotEqualTo(PageWithoutBodyException.REASON);
            });
            assertThat(skipped.get(TEN_MEGABYTES)).as("a body beyond the size limit is recorded, not ingested")
                    .isNotNull().extracting(Skipped::reason).asString().contains("limit");
            assertThat(index.pageIds()).as("empty pages are pages with nothing to index, not pages without a body")
                    .contains(EMPTY, WHITESPACE_MARKUP);
            assertThat(index.snippetCountByPage()).containsEntry(EMPTY, 0).containsEntry(WHITESPACE_MARKUP, 0);
            assertThat(index.pageIds()).contains(MALFORMED, ONE_LONG_LINE, NESTED_CDATA);
            assertThat(textOf(index, MALFORMED)).contains("Inside a macro that never closes");
            assertThat(textOf(index, NESTED_CDATA)).contains("Text after the macro.");

            String exitCode = execution.getExitStatus().getExitCode();
            assertThat(exitCode).isIn("COMPLETED", "COMPLETED_WITH_SKIPS");
            if (!skipped.isEmpty()) {
                assertThat(exitCode).isEqualTo("COMPLETED_WITH_SKIPS");
                assertThat(execution.getExitStatus().getExitDescription())
                        .contains(skipped.size() + " of " + (goodPages.size() + badPages.size()) + " pages were skipped");
            }
            assertThat(JobHarness.step(execution, IngestionJobConfig.INGEST_STEP).getProcessSkipCount())
                    .isEqualTo(skipped.size());
        }
    }

    @Test
    void binaryJunkFetchedFromConfluenceIsIngestedOrRecordedAndTheRunGoesOn() {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        ConfluenceDataset dataset = ConfluenceDataset.of(demo.spaces(), List.of(demo.page("200027").orElseThrow(),
                demo.page("200028").orElseThrow(), page(demo, BINARY_JUNK, "Binary junk")), List.of(), List.of());
        String database = infra.newDatabase("junk_fetched");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.EMPTY).write(dataset, 1);
        // Confluence's JSON may carry what no Airbyte table can: U+0000 itself
        try (ConfluenceCloudStub confluence = new ConfluenceCloudStub()
                .serve(dataset, Map.of(BINARY_JUNK, bodyOf(BINARY_JUNK)))) {
            Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("junk"));
            properties.put("assistant.confluence.site-url", confluence.siteUrl());
            properties.put("assistant.confluence.email", ConfluenceCloudStub.EMAIL);
            properties.put("assistant.confluence.api-token", ConfluenceCloudStub.API_TOKEN);
            try (JobHarness job = JobHarness.start(properties)) {
                JobExecution execution = job.run();

                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
                assertThat(index.pageIds()).contains("200027", "200028");
                Map<String, Skipped> skipped = skippedPages(job, execution.getId());
                assertThat(index.pageIds().contains(BINARY_JUNK) ^ skipped.containsKey(BINARY_JUNK))
                        .as("the junk page is either ingested or recorded").isTrue();
                assertThat(index.snippets().values()).extracting(IndexSnapshot.IndexedSnippet::text)
                        .noneMatch(text -> text.indexOf('\u0000') >= 0);
            }
        }
    }

    /** Title by id of each bad page; the bodies are built in {@link #bodyOf}. */
    private static Map<String, String> badPages() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put(MALFORMED, "Malformed XHTML");
        titles.put(TEN_MEGABYTES, "Ten megabytes of text");
        titles.put(EMPTY, "An empty page");
        titles.put(WHITESPACE_MARKUP, "Markup around nothing but whitespace");
        titles.put(BINARY_JUNK, "Binary junk");
        titles.put(ONE_LONG_LINE, "A hundred thousand characters on one line");
        titles.put(NESTED_CDATA, "Nested CDATA");
        return titles;
    }

    private static String bodyOf(String id) {
        return switch (id) {
            case MALFORMED -> "<h2>Broken <b>markup</h2><p>Unclosed paragraph <i>italic "
                    + "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Inside a macro that never closes"
                    + "<table><tr><td>cell</td></tr></div></span></p></p><p attr=\"unterminated>text</p>"
                    + "&undefinedentity; & < > <ri:page ri:content-title=\"x\"";
            case TEN_MEGABYTES -> "<p>" + "The rollback procedure takes about ten minutes and needs two people. "
                    .repeat(150_000) + "</p>";
            case EMPTY -> "";
            case WHITESPACE_MARKUP -> "<p> </p><p>&nbsp;</p><div>\n\t</div><p><br/></p><h2>  </h2>";
            case BINARY_JUNK -> binaryJunk();
            case ONE_LONG_LINE -> "<p>" + oneLine(100_000) + "</p>";
            case NESTED_CDATA -> "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body>"
                    + "<![CDATA[outer <![CDATA[inner]]> after inner ]]></ac:plain-text-body></ac:structured-macro>"
                    + "<p>Text after the macro.</p>";
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** NUL and 4 KiB of random bytes read as Latin-1: control characters, stray '<' and '&', no structure. */
    private static String binaryJunk() {
        byte[] bytes = new byte[4 * 1024];
        new Random(42).nextBytes(bytes);
        return "\u0000<p>\u0000</p>" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Words without a line break or a full stop, so the splitter finds no boundary but spaces. (Minified JSON would
     * do as well, at three times the tokens to embed.)
     */
    private static String oneLine(int length) {
        String words = "the rollback takes ten minutes and needs two people on call while the other team watches ";
        return words.repeat(length / words.length() + 1).substring(0, length);
    }

    private static ObjectNode page(ConfluenceDataset demo, String id, String title) {
        ObjectNode page = demo.page("200029").orElseThrow().deepCopy(); // a leaf page under "Team"
        page.put("id", id);
        page.put("title", title);
        ((ObjectNode) page.get("_links")).put("webui", "/spaces/ENG/pages/" + id);
        ((ObjectNode) page.get("body").get("storage")).put("value", asAirbyteWritesIt(bodyOf(id)));
        return page;
    }

    /**
     * PostgreSQL cannot store U+0000 in text or jsonb, and Airbyte's Postgres destination drops it from every string
     * ({@code PostgresDataAdapter}); the stand-in does not, so the test does what the destination would.
     */
    private static String asAirbyteWritesIt(String body) {
        return body.replace("\u0000", "");
    }

    private static Set<String> ids(ConfluenceDataset dataset) {
        Set<String> ids = new TreeSet<>();
        dataset.pages().forEach(p -> ids.add(p.get("id").asString()));
        dataset.blogPosts().forEach(p -> ids.add(p.get("id").asString()));
        return ids;
    }

    private static String textOf(IndexSnapshot index, String pageId) {
        return index.snippets().values().stream().filter(s -> s.pageId().equals(pageId))
                .map(IndexSnapshot.IndexedSnippet::text).collect(Collectors.joining("\n"));
    }

    private record Skipped(String title, String reason) {
    }

    private static Map<String, Skipped> skippedPages(JobHarness job, long jobExecutionId) {
        Map<String, Skipped> skipped = new LinkedHashMap<>();
        List<Map<String, Object>> rows = job.jdbc().queryForList(
                "select page_id, title, reason from assistant.ingest_skipped_page where job_execution_id = ?",
                jobExecutionId);
        rows.forEach(row -> skipped.put((String) row.get("page_id"),
                new Skipped((String) row.get("title"), (String) row.get("reason"))));
        return skipped;
    }
}
