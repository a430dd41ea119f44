package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Job repositories filled by the real batch job (its runnable jar): besides the demo space's healthy run, a
 * database whose Airbyte tables have no page bodies (a run that skips every page) followed by a run that finds no
 * Airbyte tables (a FAILED run). Built once per test JVM.
 */
final class JobRuns {

    private static volatile JobRuns troubled;

    final String database;
    final String jdbcUrl;
    final String collectionPrefix;

    private JobRuns(String database, String jdbcUrl, String collectionPrefix) {
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.collectionPrefix = collectionPrefix;
    }

    /** Execution 1: COMPLETED_WITH_MISSING_BODIES; execution 2: FAILED. */
    static JobRuns missingBodiesThenFailed() {
        if (troubled == null) {
            synchronized (JobRuns.class) {
                if (troubled == null) {
                    TestInfrastructure infra = TestInfrastructure.shared();
                    String database = infra.newDatabase("dash_runs");
                    String prefix = infra.uniqueName("dash-runs").replace('_', '-');
                    new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                            AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.EMPTY)
                            .write(ConfluenceDataset.demoSpace(), 1);
                    JobRuns runs = new JobRuns(database, infra.postgres().jdbcUrl(database), prefix);
                    runs.runJob(Map.of(), 0);
                    runs.dropAirbyteTables(); // the next run cannot read pages: it fails in ingestPages
                    runs.runJob(Map.of(), -1);
                    troubled = runs;
                }
            }
        }
        return troubled;
    }

    private void dropAirbyteTables() {
        try (var connection = TestInfrastructure.shared().postgres().dataSource(database).getConnection();
             var statement = connection.createStatement()) {
            statement.execute("drop schema confluence cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A database the job never ran against. */
    static String emptyDatabase() {
        return TestInfrastructure.shared().newDatabase("dash_empty");
    }

    /** Runs the job program once; {@code expectedExit} -1 means any non-zero exit. */
    void runJob(Map<String, String> overrides, int expectedExit) {
        TestInfrastructure infra = TestInfrastructure.shared();
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(jdbcUrl,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, infra.chroma().url(), collectionPrefix));
        properties.put("assistant.airbyte.url", "");
        properties.putAll(overrides);
        Path log = infra.workDirectory().resolve(infra.uniqueName("dash-job") + ".log");
        int exit = JavaProcess.ofJar(jar(), "-Xmx1g").run(properties, log, Duration.ofMinutes(10));
        if (expectedExit >= 0 ? exit != expectedExit : exit == 0) {
            throw new IllegalStateException("The batch job exited " + exit + ", expected " + expectedExit + "; see " + log);
        }
    }

    static Path jar() {
        return TestInfrastructure.projectRoot().resolve("batch-job/target/batch-job-exec.jar");
    }

    static DatabaseClient client(String database) {
        String url = TestInfrastructure.shared().postgres().r2dbcUrl(database);
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, EmbeddedPostgresServer.USER)
                .option(ConnectionFactoryOptions.PASSWORD, EmbeddedPostgresServer.PASSWORD)
                .build();
        return DatabaseClient.create(ConnectionFactories.get(options));
    }

    static JobRepositoryReader reader(String database) {
        return new JobRepositoryReader(client(database), JsonMapper.shared());
    }

    static long queryLong(String database, String sql) {
        Number n = client(database).sql(sql).map(row -> row.get(0, Number.class)).one().block(Duration.ofSeconds(30));
        return n == null ? 0 : n.longValue();
    }
}
