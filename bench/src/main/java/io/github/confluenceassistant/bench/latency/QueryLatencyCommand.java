package io.github.confluenceassistant.bench.latency;

import io.github.confluenceassistant.bench.BenchCommand;
import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.IndexCounts;
import io.github.confluenceassistant.bench.MachineInfo;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.chat.ChatServices;
import io.github.confluenceassistant.bench.job.DatasetIndex;
import io.github.confluenceassistant.bench.metrics.LatencyStats;
import io.github.confluenceassistant.chat.retrieval.Retrieval;
import io.github.confluenceassistant.chat.retrieval.RetrievalMode;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import io.github.confluenceassistant.chat.retrieval.SpaceScope;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.github.confluenceassistant.bench.BenchJson.put;

/**
 * {@code query-latency}: how long the chat app's retrieval takes (embed the query, Chroma, keyword search,
 * fusion) on an index of a given size. The dataset is ingested by the job, then grown by
 * {@link SnippetReplicator}; the chat app's {@link SnippetRetriever} runs in this JVM and each call is timed
 * alone, one at a time.
 */
public final class QueryLatencyCommand implements BenchCommand {

    static final double TARGET_P95_MS = 60;
    static final int WARM_UP_QUERIES = 20;
    private static final long REPLICA_SEED = 42;

    @Override
    public Set<String> options() {
        return Set.of("dataset", "snippets", "queries", "mode");
    }

    @Override
    public ObjectNode run(BenchOptions options, Progress progress) {
        BenchDataset dataset = BenchDataset.orDemoSpace(options);
        int target = options.integer("snippets", 50_000);
        int queries = options.integer("queries", 200);
        RetrievalMode mode = RetrievalMode.valueOf(options.string("mode").orElse("hybrid").toUpperCase(Locale.ROOT));
        List<String> texts = queryTexts(dataset);
        try (BenchEnvironment env = BenchEnvironment.start(options, progress)) {
            DatasetIndex index = DatasetIndex.ingest(env, dataset, "latency");
            ChromaProperties chroma = env.chroma(index.collectionPrefix());
            SnippetReplicator.replicate(index.database().jdbc(), chroma, index.collection(), target, REPLICA_SEED, progress);
            ChromaCollections collections = new ChromaCollections(WebClient.builder(), chroma);
            long snippets = collections.count(collections.find(index.collection()).orElseThrow().id());
            IndexCounts counts = IndexCounts.of(index.database().jdbc(), index.collection());
            progress.say("Index: " + snippets + " snippets in Chroma, " + counts.snippets() + " in PostgreSQL");
            try (ChatServices chat = ChatServices.start(index.database(), env.chromaUrl(), index.collectionPrefix(),
                    Map.of("assistant.retrieval.mode", mode.name(), "assistant.chat-model.base-url", "",
                            // every query is embedded: the figure is that of a question asked for the first time
                            "assistant.retrieval.query-embedding-cache-size", "0"))) {
                SnippetRetriever retriever = chat.retriever();
                for (int i = 0; i < WARM_UP_QUERIES; i++) {
                    retrieve(retriever, texts.get(i % texts.size()), mode);
                }
                progress.say("Timing " + queries + " queries (" + mode + ")…");
                long[] nanos = new long[queries];
                int found = 0;
                for (int i = 0; i < queries; i++) {
                    long start = System.nanoTime();
                    Retrieval retrieval = retrieve(retriever, texts.get(i % texts.size()), mode);
                    nanos[i] = System.nanoTime() - start;
                    found += retrieval.passages().isEmpty() ? 0 : 1;
                }
                LatencyStats latency = LatencyStats.ofNanos(nanos);
                ObjectNode result = BenchJson.result("query-latency");
                result.put("dataset", dataset.name());
                result.put("mode", mode.name().toLowerCase(Locale.ROOT));
                result.put("snippets", snippets);
                result.put("snippets_requested", target);
                result.put("base_snippets", index.counts().snippets());
                result.put("keyword_rows", counts.snippets());
                result.put("queries", queries);
                result.put("queries_with_passages", found);
                put(result, "p50_ms", latency.p50(), 1);
                put(result, "p95_ms", latency.p95(), 1);
                put(result, "p99_ms", latency.p99(), 1);
                put(result, "mean_ms", latency.mean(), 1);
                put(result, "target_p95_ms", TARGET_P95_MS, 0);
                result.put("meets_target", latency.p95() <= TARGET_P95_MS);
                result.put("method", "dataset ingested by the job, then each snippet copied with id and page id "
                        + "suffixed ~r<n>, same text, vector + N(0, 0.01) per dimension, normalised");
                result.put("embedding_model", BenchEnvironment.embeddingModel().id());
                result.set("machine", MachineInfo.json());
                env.succeeded();
                return result;
            }
        }
    }

    private static Retrieval retrieve(SnippetRetriever retriever, String query, RetrievalMode mode) {
        return retriever.retrieve(query, SpaceScope.all(), mode).block();
    }

    /** The dataset's questions, or its page titles when it has none. */
    private static List<String> queryTexts(BenchDataset dataset) {
        List<String> questions = dataset.data().questions().stream().map(DatasetQuestion::question).toList();
        return !questions.isEmpty() ? questions
                : dataset.data().pages().stream().map(page -> page.path("title").asString()).toList();
    }
}
