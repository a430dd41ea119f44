package io.github.confluenceassistant.bench.load;

import io.github.confluenceassistant.bench.BenchCommand;
import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.MachineInfo;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.job.DatasetIndex;
import io.github.confluenceassistant.bench.metrics.LatencyStats;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.github.confluenceassistant.bench.BenchJson.put;

/**
 * {@code load}: ingests the dataset with the real job, starts the chat app's runnable jar, and lets concurrent
 * users ask the dataset's questions through {@code POST /api/ask} (extractive answers) for a fixed time.
 */
public final class LoadCommand implements BenchCommand {

    static final int WARM_UP_REQUESTS = 10;

    @Override
    public Set<String> options() {
        return Set.of("dataset", "users", "seconds", "max-requests", "set");
    }

    @Override
    public ObjectNode run(BenchOptions options, Progress progress) throws InterruptedException {
        BenchDataset dataset = BenchDataset.required(options);
        int users = options.integer("users", 50);
        int seconds = options.integer("seconds", 60);
        long maxRequests = options.integer("max-requests", 100_000);
        if (users < 1 || users > 1000 || seconds < 1 || seconds > 3600 || maxRequests < 1) {
            throw new IllegalArgumentException("--users 1..1000, --seconds 1..3600 and --max-requests >= 1, please");
        }
        if (dataset.data().questions().isEmpty()) {
            throw new IllegalArgumentException(dataset.name() + " has no questions.jsonl");
        }
        try (BenchEnvironment env = BenchEnvironment.start(options, progress)) {
            DatasetIndex index = DatasetIndex.ingest(env, dataset, "load");
            Map<String, String> overrides = options.settingOverrides();
            ChatAppServer chat = env.closeLater(ChatAppServer.start(env, index.database(), index.collectionPrefix(),
                    overrides));
            LoadGenerator load = new LoadGenerator(chat.baseUrl(), ChatAppServer.USER, ChatAppServer.PASSWORD,
                    dataset.data().questions(), users);
            try {
                load.warmUp(WARM_UP_REQUESTS);
                progress.say(users + " users asking for " + seconds + " s…");
                LoadGenerator.Result run = load.run(users, Duration.ofSeconds(seconds), maxRequests);
                LatencyStats latency = LatencyStats.ofMillis(run.latenciesMillis());
                ObjectNode result = BenchJson.result("load");
                result.put("dataset", dataset.name());
                result.put("users", users);
                result.put("seconds", seconds);
                result.put("answers", "extractive");
                result.put("requests", run.requests());
                result.put("errors", run.errors());
                put(result, "p50_ms", latency.p50(), 1);
                put(result, "p95_ms", latency.p95(), 1);
                put(result, "p99_ms", latency.p99(), 1);
                put(result, "throughput_per_s", (run.requests() - run.errors()) / (run.elapsed().toNanos() / 1e9), 2);
                ObjectNode kinds = result.putObject("error_kinds");
                run.errorKinds().forEach(kinds::put);
                result.put("snippets", index.counts().snippets());
                ObjectNode settings = result.putObject("settings");
                overrides.forEach(settings::put);
                result.put("embedding_model", BenchEnvironment.embeddingModel().id());
                result.set("machine", MachineInfo.json());
                env.succeeded();
                return result;
            } finally {
                load.close();
            }
        }
    }
}
