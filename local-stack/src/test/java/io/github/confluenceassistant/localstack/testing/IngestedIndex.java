package io.github.confluenceassistant.localstack.testing;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A database and Chroma collection filled by the real batch job (its runnable jar, as its own JVM), for the
 * tests of what reads the index: the chat app, the dashboard, the benchmarks. The reactor builds batch-job
 * before its readers, so the jar is there when their tests run.
 *
 * @param database         the PostgreSQL database holding Airbyte's tables, the job repository and our tables
 * @param collectionPrefix the prefix the job used (the collection is named prefix + model)
 */
public record IngestedIndex(String database, String collectionPrefix, String jdbcUrl, String chromaUrl) {

    private static volatile IngestedIndex demoSpace;

    /** The demo space, ingested once per test JVM. */
    public static IngestedIndex demoSpace() {
        if (demoSpace == null) {
            synchronized (IngestedIndex.class) {
                if (demoSpace == null) {
                    demoSpace = ingest(ConfluenceDataset.demoSpace(), "demo_index");
                }
            }
        }
        return demoSpace;
    }

    /** Writes the dataset as Airbyte would (connector 1.x, destination 3.x) and runs the job on it. */
    public static IngestedIndex ingest(ConfluenceDataset dataset, String name) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase(name);
        String prefix = infra.uniqueName(name).replace('_', '-');
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "",
                AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);
        String jdbcUrl = infra.postgres().jdbcUrl(database);
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(jdbcUrl,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, infra.chroma().url(), prefix));
        properties.put("assistant.airbyte.url", "");
        Path log = infra.workDirectory().resolve(name + "-batch-job.log");
        Path jar = TestInfrastructure.projectRoot().resolve("batch-job/target/batch-job-exec.jar");
        int exit = JavaProcess.ofJar(jar, "-Xmx1g").run(properties, log, Duration.ofMinutes(10));
        if (exit != 0) {
            throw new IllegalStateException("The batch job failed (exit " + exit + "):\n" + tail(log));
        }
        return new IngestedIndex(database, prefix, jdbcUrl, infra.chroma().url());
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
