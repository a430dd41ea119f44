package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.BatchJobApplication;
import io.github.confluenceassistant.batch.job.IndexSnapshot;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingestion beyond one thread and one pod, on the demo space split into two spaces (ENG and HR; with two shards
 * CRC-32 gives HR to shard 0 and ENG to shard 1): worker threads (a partitioned page step) and Indexed-Job shards
 * (each its own job instance) must index exactly what one plain run indexes, and never prune each other's pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionedAndShardedIngestionTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final ConfluenceDataset twoSpaces = demoSpaceSplitIntoTwoSpaces();
    private IndexSnapshot oneThread;

    @Test
    void twoWorkerThreadsIndexExactlyWhatOneThreadIndexes() {
        IndexSnapshot oneThread = plainRun();
        Map<String, Object> partitioned = Map.of("assistant.ingestion.partitions", 2, "assistant.ingestion.chunk-size", 4);
        String database = synced("partitioned");
        try (JobHarness job = JobHarness.start(properties(database, "partitioned", partitioned))) {
            JobExecution execution = job.run();

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            List<StepExecution> workers = execution.getStepExecutions().stream()
                    .filter(s -> s.getStepName().startsWith("ingestPages:")).toList();
            assertThat(workers).as("one worker step per partition").extracting(StepExecution::getStepName)
                    .containsExactlyInAnyOrder("ingestPages:p0", "ingestPages:p1");
            assertThat(workers).allSatisfy(w -> assertThat(w.getReadCount()).as(w.getStepName()).isPositive());
            assertThat(JobHarness.step(execution, "ingestPages").getReadCount())
                    .as("the manager step sums its workers").isEqualTo(twoSpaces.pages().size() + twoSpaces.blogPosts().size());
            IndexSnapshot index = job.index().assertChromaAgreesWithStateTable();
            assertThat(index.snippetIds()).isEqualTo(oneThread.snippetIds());
            assertThat(index.textsById()).isEqualTo(oneThread.textsById());
        }
    }

    @Test
    void shardsIndexDisjointSpacesAsTheirOwnJobInstancesAndNeverPruneEachOther() {
        String database = synced("sharded");
        String prefix = infra.uniqueName("sharded");
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        try (JobHarness shard0 = JobHarness.start(shardProperties(database, prefix, 0));
             JobHarness shard1 = JobHarness.start(shardProperties(database, prefix, 1))) {
            assertThat(shard0.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(spacesIndexed(jdbc)).containsExactly("HR");
            assertThat(collectionStatus(jdbc)).as("one shard of two done: not READY yet").isEqualTo("BUILDING");

            assertThat(shard1.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(spacesIndexed(jdbc)).containsExactly("ENG", "HR");
            assertThat(collectionStatus(jdbc)).as("every shard completed a run").isEqualTo("READY");
            IndexSnapshot both = shard1.index().assertChromaAgreesWithStateTable();
            assertThat(both.snippetIds()).isEqualTo(plainRun().snippetIds());

            JobExecution again = shard0.run();
            assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(JobHarness.step(again, "pruneStalePages").getWriteCount())
                    .as("shard 0 does not prune shard 1's pages").isZero();
            assertThat(shard0.index().snippetIds()).isEqualTo(both.snippetIds());
            assertThat(jdbc.queryForList("select distinct job_name from batch_job_instance order by 1", String.class))
                    .containsExactly("confluenceIngestion-shard-0-of-2", "confluenceIngestion-shard-1-of-2");
            assertThat(jdbc.queryForObject("select count(*) from batch_job_instance where job_name = ?", Integer.class,
                    "confluenceIngestion-shard-0-of-2")).as("a new instance per successful run of a shard").isEqualTo(2);
        }
    }

    @Test
    void aKilledPartitionedRunResumesEachPartitionWithoutDuplicates() throws Exception {
        String database = synced("partition-killed");
        String prefix = infra.uniqueName("partition-killed").replace('_', '-');
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(infra.postgres().jdbcUrl(database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, infra.chroma().url(), prefix));
        properties.put("assistant.airbyte.url", "");
        properties.put("assistant.ingestion.partitions", "2");
        properties.put("assistant.ingestion.chunk-size", "2");
        Path log = infra.workDirectory().resolve(prefix + ".log");
        JavaProcess job = JavaProcess.ofClasspath(System.getProperty("java.class.path"),
                BatchJobApplication.class.getName(), "-Xmx1g");

        Process first = job.start(properties, log);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (pagesWritten(jdbc) < 6) {
            assertThat(first.isAlive()).as("the job ended before the moment to kill it").isTrue();
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }
        first.destroyForcibly();
        first.waitFor();
        assertThat(pagesWritten(jdbc)).as("killed part-way").isLessThan(twoSpaces.pages().size());

        assertThat(job.run(properties, log, Duration.ofMinutes(5))).as("exit code of the restart").isZero();

        assertThat(jdbc.queryForList("select status from batch_job_execution order by job_execution_id", String.class))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from batch_job_instance", Integer.class)).isEqualTo(1);
        List<String> restartedWorkers = jdbc.queryForList("""
                select s.step_name from batch_step_execution s
                where s.job_execution_id = (select max(job_execution_id) from batch_job_execution)
                  and s.step_name like 'ingestPages:%' order by 1""", String.class);
        assertThat(restartedWorkers).as("the restart runs the same partitions").isSubsetOf(
                "ingestPages:p0", "ingestPages:p1").isNotEmpty();
        String collection = jdbc.queryForObject("select collection from assistant.ingest_page_state limit 1", String.class);
        List<String> inChroma = IndexSnapshot.chromaIds(infra.chroma().url(), collection);
        Set<String> expected = new TreeSet<>(jdbc.queryForList(
                "select id from assistant.ingest_snippet where collection = ?", String.class, collection));
        assertThat(inChroma).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(inChroma)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("select count(*) from assistant.ingest_page_state", Integer.class))
                .isEqualTo(twoSpaces.pages().size() + twoSpaces.blogPosts().size());
    }

    /** What one plain run (one thread, no shards) indexes: made once for the whole class. */
    private IndexSnapshot plainRun() {
        if (oneThread == null) {
            String database = synced("plain");
            try (JobHarness job = JobHarness.start(properties(database, "plain", Map.of()))) {
                assertThat(job.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
                oneThread = job.index().assertChromaAgreesWithStateTable();
            }
        }
        return oneThread;
    }

    private String synced(String name) {
        String database = infra.newDatabase(name);
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(twoSpaces, 1);
        return database;
    }

    private Map<String, Object> properties(String database, String name, Map<String, Object> extra) {
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName(name));
        properties.putAll(extra);
        return properties;
    }

    private Map<String, Object> shardProperties(String database, String prefix, int index) {
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, prefix);
        properties.put("assistant.ingestion.shard.index", index);
        properties.put("assistant.ingestion.shard.count", 2);
        return properties;
    }

    private static List<String> spacesIndexed(JdbcTemplate jdbc) {
        return jdbc.queryForList("select distinct space_key from assistant.ingest_page_state order by 1", String.class);
    }

    private static String collectionStatus(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select status from assistant.ingest_collection", String.class);
    }

    private static int pagesWritten(JdbcTemplate jdbc) {
        try {
            Integer count = jdbc.queryForObject("select count(*) from assistant.ingest_page_state", Integer.class);
            return count == null ? 0 : count;
        } catch (RuntimeException tableNotThereYet) {
            return 0;
        }
    }

    /** The demo space with every other page (and one blog post) moved to a second space, HR. */
    static ConfluenceDataset demoSpaceSplitIntoTwoSpaces() {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        ObjectNode hr = demo.spaces().getFirst().deepCopy();
        hr.put("id", 98399).put("key", "HR").put("name", "People Handbook");
        hr.remove("homepage");
        List<ObjectNode> pages = new ArrayList<>();
        List<ObjectNode> sorted = demo.pages().stream()
                .sorted(java.util.Comparator.comparing(p -> p.path("id").asString())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            ObjectNode page = sorted.get(i).deepCopy();
            if (i % 2 == 1) {
                moveToHr(page);
            }
            pages.add(page);
        }
        List<ObjectNode> blogs = new ArrayList<>();
        for (int i = 0; i < demo.blogPosts().size(); i++) {
            ObjectNode blog = demo.blogPosts().get(i).deepCopy();
            if (i == 0) {
                moveToHr(blog);
            }
            blogs.add(blog);
        }
        return ConfluenceDataset.of(List.of(demo.spaces().getFirst(), hr), pages, blogs, demo.questions());
    }

    private static void moveToHr(ObjectNode content) {
        ObjectNode space = (ObjectNode) content.get("space");
        space.put("id", 98399).put("key", "HR").put("name", "People Handbook");
    }
}
