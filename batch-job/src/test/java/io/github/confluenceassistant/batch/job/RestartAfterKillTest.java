package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.BatchJobApplication;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as its own JVM, killed with SIGKILL at three moments (while Airbyte syncs, after the first committed
 * chunk, half-way through the pages) and restarted each time: it must end with exactly the snippets a clean run
 * writes: none missing, none duplicated, none stale.
 */
class RestartAfterKillTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void restartAfterKillWritesEachSnippetOnce() throws Exception {
        ConfluenceDataset dataset = ConfluenceDataset.load(TestInfrastructure.dataset("mtrag-cloud"));
        String database = infra.newDatabase("killed");
        String prefix = infra.uniqueName("killed").replace('_', '-');
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        try (AirbyteStandIn airbyte = AirbyteStandIn.builder(infra.postgres().dataSource(database))
                .dataset(dataset).build().start()) {
            Map<String, String> properties = properties(database, prefix, airbyte);
            Path log = infra.workDirectory().resolve(prefix + ".log");
            JavaProcess job = JavaProcess.ofClasspath(System.getProperty("java.class.path"),
                    BatchJobApplication.class.getName(), "-Xmx1g");

            // 1. killed while Airbyte is still syncing
            airbyte.holdSyncs(Duration.ofSeconds(30));
            killWhen(job.start(properties, log), () -> !airbyte.jobs().isEmpty());
            airbyte.holdSyncs(Duration.ZERO);

            // 2. killed right after the first chunk committed
            killWhen(job.start(properties, log), () -> pagesWritten(jdbc) > 0);

            // 3. killed half-way through the pages
            int pages = dataset.pages().size() + dataset.blogPosts().size();
            killWhen(job.start(properties, log), () -> pagesWritten(jdbc) > pages / 2);

            assertThat(job.run(properties, log, Duration.ofMinutes(10))).as("exit code of the final run").isZero();
        }

        String collection = collectionName(prefix);
        Set<String> expected = new HashSet<>(jdbc.queryForList(
                "select id from assistant.ingest_snippet where collection = ?", String.class, collection));
        assertThat(jdbc.queryForObject("select count(*) from assistant.ingest_page_state where collection = ?",
                Integer.class, collection)).isEqualTo(dataset.pages().size() + dataset.blogPosts().size());
        assertThat(jdbc.queryForObject("select sum(snippet_count) from assistant.ingest_page_state where collection = ?",
                Integer.class, collection)).isEqualTo(expected.size());
        List<String> inChroma = chromaIds(collection);
        assertThat(inChroma).doesNotHaveDuplicates();
        assertThat(new HashSet<>(inChroma)).as("Chroma holds exactly the committed snippets").isEqualTo(expected);
        assertThat(jdbc.queryForList("""
                select status from batch_job_execution order by job_execution_id""", String.class))
                .as("three killed executions, each recovered as FAILED, then one COMPLETED")
                .containsExactly("FAILED", "FAILED", "FAILED", "COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from batch_job_instance", Integer.class))
                .as("every restart resumed the same job instance").isEqualTo(1);
    }

    private Map<String, String> properties(String database, String prefix, AirbyteStandIn airbyte) {
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(infra.postgres().jdbcUrl(database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, infra.chroma().url(), prefix));
        properties.put("assistant.airbyte.url", airbyte.publicApiUrl());
        properties.put("assistant.airbyte.client-id", airbyte.clientId());
        properties.put("assistant.airbyte.client-secret", airbyte.clientSecret());
        properties.put("assistant.airbyte.connection-id", airbyte.connectionId());
        properties.put("assistant.airbyte.poll-interval", "200ms");
        properties.put("assistant.ingestion.chunk-size", "8");
        return properties;
    }

    private static int pagesWritten(JdbcTemplate jdbc) {
        try {
            Integer count = jdbc.queryForObject("select count(*) from assistant.ingest_page_state", Integer.class);
            return count == null ? 0 : count;
        } catch (RuntimeException tableNotThereYet) {
            return 0;
        }
    }

    private static void killWhen(Process process, BooleanSupplier moment) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!moment.getAsBoolean()) {
            assertThat(process.isAlive()).as("the job ended before the moment to kill it").isTrue();
            assertThat(Instant.now()).as("waited too long for the moment to kill").isBefore(deadline);
            Thread.sleep(20);
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up
        process.waitFor();
    }

    private String collectionName(String prefix) {
        return CollectionNames.forModel(prefix, EmbeddingModelFactory.identityOf(new EmbeddingProperties(
                EmbeddingProvider.BGE_SMALL_IN_PROCESS, null, null, null, 0, 0, 1, 1, Duration.ofSeconds(1))));
    }

    private List<String> chromaIds(String collection) {
        ChromaProperties chroma = new ChromaProperties(infra.chroma().url(), "default_tenant", "default_database",
                "unused", Duration.ofSeconds(30));
        String id = new ChromaCollections(WebClient.builder(), chroma).find(collection).orElseThrow().id();
        return ChromaIdLister.allIds(infra.chroma().url(), id);
    }
}
