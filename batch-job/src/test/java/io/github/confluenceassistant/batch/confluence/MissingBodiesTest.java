package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.BatchJobApplication;
import io.github.confluenceassistant.batch.job.IndexSnapshot;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 §2/§3: the current source-confluence (1.x) syncs no page bodies. Without Confluence credentials every page
 * is reported, loudly; with them the job fetches each body from Confluence Cloud's REST v2 API, once per page
 * version, and ends with exactly the snippets a run with bodies in Airbyte's tables writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingBodiesTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final ConfluenceDataset demo = ConfluenceDataset.demoSpace();
    private final int contentCount = demo.pages().size() + demo.blogPosts().size();

    @Test
    void withoutCredentialsEveryPageIsRecordedAndTheExitCodeSaysWhatToConfigure() {
        String database = syncedWithoutBodies("no_bodies");
        try (JobHarness job = JobHarness.start(JobHarness.baseProperties(infra, database, infra.uniqueName("nobody")))) {
            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_MISSING_BODIES");
            assertThat(execution.getExitStatus().getExitDescription())
                    .contains(contentCount + " of " + contentCount + " pages had no body in the Airbyte table")
                    .contains("ASSISTANT_CONFLUENCE_EMAIL", "ASSISTANT_CONFLUENCE_API_TOKEN",
                            "ASSISTANT_CONFLUENCE_PERSONAL_ACCESS_TOKEN");
            List<Map<String, Object>> skipped = job.jdbc().queryForList(
                    "select page_id, title, reason from assistant.ingest_skipped_page where job_execution_id = ?",
                    execution.getId());
            assertThat(skipped).hasSize(contentCount)
                    .allSatisfy(row -> {
                        assertThat(row.get("reason")).isEqualTo(PageWithoutBodyException.REASON);
                        assertThat((String) row.get("title")).isNotBlank();
                    });
            assertThat(skipped).extracting(row -> (String) row.get("page_id")).containsExactlyInAnyOrderElementsOf(ids());
            IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
            assertThat(index.pageIds()).as("nothing indexed").isEmpty();
            assertThat(index.chromaIds()).isEmpty();
            assertThat(job.jdbc().queryForObject("select status from assistant.ingest_collection where name = ?",
                    String.class, job.collection())).as("an empty collection for want of bodies is never READY")
                    .isEqualTo("BUILDING");
        }
    }

    @Test
    void withCredentialsEveryBodyIsFetchedFromConfluenceAndTheSnippetsEqualARunWithBodies(CapturedOutput output) {
        try (ConfluenceCloudStub confluence = new ConfluenceCloudStub().serve(demo)
                .throttleFirstRequest(demo, "200004")) {
            IndexSnapshot withBodies = ingestWithBodiesInAirbyte(confluence.siteUrl());
            String database = syncedWithoutBodies("fetched_bodies");

            try (JobHarness job = JobHarness.start(withCredentials(
                    JobHarness.baseProperties(infra, database, infra.uniqueName("fetched")), confluence))) {
                JobExecution execution = job.run();

                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
                IndexSnapshot fetched = job.index().assertChromaAgreesWithStateTable();
                assertThat(fetched.pageIds()).containsExactlyElementsOf(new TreeSet<>(ids()));
                assertThat(fetched.snippets()).isEqualTo(withBodies.snippets());
            }
            assertThat(confluence.requestsById()).as("one request per page, two for the throttled one")
                    .hasSize(contentCount).containsEntry("200004", 2L)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(id.equals("200004") ? 2L : 1L));
            assertThat(confluence.requestsWithoutTheRightCredentials()).as("basic auth with e-mail and API token")
                    .isEmpty();
        }
        assertThat(output.getAll()).as("the log").contains("Pages without a body in Airbyte's tables will be fetched")
                .doesNotContain(ConfluenceCloudStub.API_TOKEN).doesNotContain(basicAuthValue());
    }

    @Test
    void aBodyFetchedBeforeTheJobWasKilledIsNotFetchedAgainByTheRestart(CapturedOutput output) throws Exception {
        List<String> order = new TreeSet<>(ids()).stream().toList(); // the reader's order: page id
        String held = order.get(10); // third page of the second chunk of 8
        String database = syncedWithoutBodies("fetch_killed");
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        String prefix = infra.uniqueName("fetchkill").replace('_', '-');
        Path log = infra.workDirectory().resolve(prefix + ".log");
        try (ConfluenceCloudStub confluence = new ConfluenceCloudStub().serve(demo).holdFirstRequest(demo, held)) {
            Map<String, Object> properties = withCredentials(JobHarness.baseProperties(infra, database, prefix), confluence);
            properties.put("assistant.ingestion.chunk-size", "8");
            Map<String, String> arguments = new HashMap<>();
            properties.forEach((name, value) -> arguments.put(name, String.valueOf(value)));
            Process killed = JavaProcess.ofClasspath(System.getProperty("java.class.path"),
                    BatchJobApplication.class.getName(), "-Xmx1g").start(arguments, log);

            awaitOrFail(killed, () -> confluence.requestsById().containsKey(held));
            killed.destroyForcibly(); // SIGKILL while the request for the held page waits for its answer
            killed.waitFor();
            assertThat(count(jdbc, "select count(*) from assistant.ingest_page_state")).as("the first chunk committed")
                    .isEqualTo(8);
            assertThat(count(jdbc, "select count(*) from assistant.ingest_fetched_body"))
                    .as("bodies fetched for the chunk that never committed, kept").isEqualTo(10);

            try (JobHarness restart = JobHarness.start(properties)) {
                JobExecution execution = restart.run();

                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                restart.index().assertChromaAgreesWithStateTable();
            }
            assertThat(confluence.requestsById()).hasSize(contentCount)
                    .allSatisfy((id, count) -> assertThat(count)
                            .as("requests for %s (the held one was cut off by the kill)", id)
                            .isEqualTo(id.equals(held) ? 2L : 1L));
        }
        assertThat(count(jdbc, "select count(*) from assistant.ingest_fetched_body")).isEqualTo(contentCount);
        assertThat(count(jdbc, "select count(*) from assistant.ingest_page_state")).isEqualTo(contentCount);
        assertThat(jdbc.queryForList("select status from batch_job_execution order by job_execution_id", String.class))
                .as("the killed execution, recovered as FAILED, then its restart").containsExactly("FAILED", "COMPLETED");
        assertThat(Files.readString(log) + output.getAll()).as("the logs")
                .doesNotContain(ConfluenceCloudStub.API_TOKEN).doesNotContain(basicAuthValue());
    }

    /** Airbyte's tables as the current connector leaves them: every page without a body. */
    private String syncedWithoutBodies(String name) {
        String database = infra.newDatabase(name);
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.EMPTY).write(demo, 1);
        return database;
    }

    /** The reference: the same space with bodies in the tables (a pinned or fixed connector), same site URL. */
    private IndexSnapshot ingestWithBodiesInAirbyte(String siteUrl) {
        String database = infra.newDatabase("with_bodies");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(demo, 1);
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("bodies"));
        properties.put("assistant.confluence.site-url", siteUrl);
        try (JobHarness job = JobHarness.start(properties)) {
            assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            return job.index().assertChromaAgreesWithStateTable();
        }
    }

    private static Map<String, Object> withCredentials(Map<String, Object> properties, ConfluenceCloudStub confluence) {
        properties.put("assistant.confluence.site-url", confluence.siteUrl());
        properties.put("assistant.confluence.email", ConfluenceCloudStub.EMAIL);
        properties.put("assistant.confluence.api-token", ConfluenceCloudStub.API_TOKEN);
        return properties;
    }

    private List<String> ids() {
        return Stream.concat(demo.pages().stream(), demo.blogPosts().stream()).map(p -> p.get("id").asString()).toList();
    }

    private static String basicAuthValue() {
        return Base64.getEncoder().encodeToString((ConfluenceCloudStub.EMAIL + ":" + ConfluenceCloudStub.API_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        Integer count = jdbc.queryForObject(sql, Integer.class);
        return count == null ? 0 : count;
    }

    private static void awaitOrFail(Process process, BooleanSupplier moment) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!moment.getAsBoolean()) {
            assertThat(process.isAlive()).as("the job ended before the moment to kill it").isTrue();
            assertThat(Instant.now()).as("waited too long for the moment to kill").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
