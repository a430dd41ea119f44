package io.github.confluenceassistant.bench.job;

import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.bench.IndexCounts;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;

import java.time.Duration;
import java.util.Map;

/**
 * A dataset ingested by the real job, as the local mode does it (Airbyte stand-in, connector 1.x tables, one job
 * run through Airbyte's API): what eval, load and query-latency read from.
 */
public record DatasetIndex(Database database, String collectionPrefix, String collection, IndexCounts counts) {

    public static DatasetIndex ingest(BenchEnvironment env, BenchDataset dataset, String purpose) {
        Database database = env.newDatabase(purpose);
        String prefix = env.newCollectionPrefix(purpose);
        AirbyteStandIn airbyte = env.startAirbyte(database, dataset.data(), AirbyteLayout.CONNECTOR_1X_FINAL,
                BodyMode.PRESENT);
        Map<String, String> properties = env.connectionProperties(database, prefix);
        properties.putAll(BenchEnvironment.airbyteProperties(airbyte));
        IngestionJobProcess job = new IngestionJobProcess(env.jar("batch-job"), env.workDirectory());
        env.progress().say("Ingesting " + dataset + " with the job (log " + job.log(purpose) + ")…");
        JobRun run = job.runSuccessfully(properties, purpose, Duration.ofHours(3));
        String collection = BenchEnvironment.collectionName(prefix);
        IndexCounts counts = IndexCounts.of(database.jdbc(), collection);
        env.progress().say("Ingested " + counts.pages() + " pages, " + counts.snippets() + " snippets in "
                + run.wallTime().toSeconds() + " s");
        return new DatasetIndex(database, prefix, collection, counts);
    }
}
