package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.BenchCommand;
import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.bench.IndexCounts;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.job.IngestionJobProcess;
import io.github.confluenceassistant.bench.job.JobRepositoryReport;
import io.github.confluenceassistant.bench.job.JobRun;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code restart}: a clean reference run of the job, then the same ingestion in another database and collection
 * with the job's JVM killed by SIGKILL at seeded random moments and restarted each time, until a run completes.
 * The two indexes must then be the same: no snippet missing, duplicated or stale, and the same page states.
 */
public final class RestartCommand implements BenchCommand {

    private static final Duration JOB_TIMEOUT = Duration.ofHours(3);
    /** Never sooner than this after a start: the JVM is not even running Java code before. */
    private static final long MIN_DELAY_MS = 300;

    /** One of the two ingestions: its database (and Airbyte stand-in) and its collection prefix. */
    private record Target(Database database, String prefix, String collection, Map<String, String> properties) {
    }

    @Override
    public Set<String> options() {
        return Set.of("dataset", "kills", "seed", "chunk-size");
    }

    @Override
    public ObjectNode run(BenchOptions options, Progress progress) throws InterruptedException {
        BenchDataset dataset = BenchDataset.required(options);
        int killsWanted = options.integer("kills", 20);
        long seed = options.longValue("seed").orElseGet(() -> new SecureRandom().nextLong());
        progress.say("Seed " + seed + " (repeat the same kill moments with --seed " + seed + ")");
        try (BenchEnvironment env = BenchEnvironment.start(options, progress)) {
            IngestionJobProcess job = new IngestionJobProcess(env.jar("batch-job"), env.workDirectory());
            Target reference = target(env, dataset, "restart_reference", options);
            Target killed = target(env, dataset, "restart_killed", options);

            progress.say("Reference run, no kills (log " + job.log("reference") + ")…");
            JobRun referenceRun = job.runSuccessfully(reference.properties(), "reference", JOB_TIMEOUT);
            Duration work = JobRepositoryReport.latest(reference.database().jdbc())
                    .durationOf("airbyteSync", "ingestPages", "pruneStalePages");
            Duration startup = referenceRun.wallTime().minus(work);
            progress.say("Reference: " + referenceRun.wallTime().toMillis() + " ms in the JVM, " + work.toMillis()
                    + " ms in its steps");

            KillingJobRunner runner = new KillingJobRunner(job, killed.properties(), killed.database().jdbc(),
                    killed.collection(), dataset.contentCount(),
                    new KillSchedule(new Random(seed), Math.max(0, startup.toMillis()), work.toMillis(), MIN_DELAY_MS),
                    progress);
            KillingJobRunner.Outcome outcome = runner.run(killsWanted);

            IndexComparison comparison = IndexComparison.of(
                    IndexSnapshot.of(reference.database().jdbc(), env.chroma(reference.prefix()), reference.collection()),
                    IndexSnapshot.of(killed.database().jdbc(), env.chroma(killed.prefix()), killed.collection()));
            progress.say("Compared with the reference: " + (comparison.identical() ? "identical" : comparison));
            ObjectNode result = BenchJson.result("restart");
            result.put("dataset", dataset.name());
            result.put("kills", outcome.kills());
            result.put("kills_requested", killsWanted);
            result.put("completed", outcome.completed());
            result.put("expected_snippets", comparison.expectedSnippets());
            result.put("actual_snippets", comparison.actualSnippets());
            result.put("missing", comparison.missing());
            result.put("duplicates", comparison.duplicates());
            result.put("stale", comparison.stale());
            result.put("state_mismatches", comparison.stateMismatches());
            result.put("seed", seed);
            result.put("job_instances", runner.jobInstances());
            result.put("job_executions", runner.jobExecutions());
            result.put("unkilled_failures", outcome.unkilledFailures());
            result.set("kill_points", outcome.killPoints());
            result.put("reference_pages", IndexCounts.of(reference.database().jdbc(), reference.collection()).pages());
            result.put("embedding_model", BenchEnvironment.embeddingModel().id());
            env.succeeded();
            return result;
        }
    }

    private static Target target(BenchEnvironment env, BenchDataset dataset, String purpose, BenchOptions options) {
        Database database = env.newDatabase(purpose);
        String prefix = env.newCollectionPrefix(purpose);
        AirbyteStandIn airbyte = env.startAirbyte(database, dataset.data(), AirbyteLayout.CONNECTOR_1X_FINAL,
                BodyMode.PRESENT);
        Map<String, String> properties = env.connectionProperties(database, prefix);
        properties.putAll(BenchEnvironment.airbyteProperties(airbyte));
        options.integer("chunk-size").ifPresent(n -> properties.put("assistant.ingestion.chunk-size", n.toString()));
        return new Target(database, prefix, BenchEnvironment.collectionName(prefix), properties);
    }
}
