package io.github.confluenceassistant.bench.ingest;

import dev.langchain4j.data.segment.TextSegment;
import io.github.confluenceassistant.bench.BenchCommand;
import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.bench.IndexCounts;
import io.github.confluenceassistant.bench.MachineInfo;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.job.GcLogHeap;
import io.github.confluenceassistant.bench.job.IngestionJobProcess;
import io.github.confluenceassistant.bench.job.JobRepositoryReport;
import io.github.confluenceassistant.bench.job.JobRun;
import io.github.confluenceassistant.bench.metrics.Throughput;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.confluenceassistant.bench.BenchJson.put;
import static io.github.confluenceassistant.bench.BenchJson.ratio;

/**
 * {@code ingest}: the real job (its runnable jar, through the Airbyte stand-in's API) on a dataset, twice: the
 * second run with nothing changed. Its throughput is set against the embedding model's own limit on the same
 * texts, measured right after it, and against a naive LangChain4j pipeline on the same pages.
 *
 * <p>{@code --repeat N} ingests the dataset N times, each time into a new collection, each followed by the limit:
 * this machine's speed drifts by several percent between runs minutes apart, so a ratio from one pair is noisy.
 * The throughputs reported are then the medians, {@code ratio_to_limit} the median of the pairs' ratios, and
 * the figures of each pair are listed.
 */
public final class IngestCommand implements BenchCommand {

    static final String INGEST_STEP = "ingestPages";
    static final String PRUNE_STEP = "pruneStalePages";
    /** The job's default {@code assistant.ingestion.chunk-size}. */
    static final int DEFAULT_CHUNK_SIZE = 100;
    private static final Duration JOB_TIMEOUT = Duration.ofHours(3);

    /** What the command was asked to do. */
    private record Settings(BenchDataset dataset, AirbyteLayout layout, boolean emptyBodies,
                            Optional<Integer> partitions, int chunkSize, int repeat) {
    }

    /** One ingestion into a fresh collection and the model's limit measured right after it on its texts. */
    private record Pair(Throughput job, Throughput limit) {
        double ratio() {
            return BenchJson.ratio(job.perSecond(), limit.perSecond());
        }
    }

    /**
     * One job run as the measures need it.
     *
     * @param processing  the ingestPages + pruneStalePages step time (the Airbyte sync is left out)
     * @param bodyRequests body requests the simulated Confluence had served by the end of the run
     */
    private record JobMeasurement(JobRun run, JobRepositoryReport report, Duration processing, int bodyRequests) {
    }

    @Override
    public Set<String> options() {
        return Set.of("dataset", "layout", "empty-bodies", "partitions", "chunk-size", "repeat");
    }

    @Override
    public ObjectNode run(BenchOptions options, Progress progress) {
        Settings settings = new Settings(BenchDataset.required(options),
                AirbyteLayout.fromCliName(options.string("layout").orElse("1x-final")), options.flag("empty-bodies"),
                options.integer("partitions"), options.integer("chunk-size", DEFAULT_CHUNK_SIZE),
                options.integer("repeat", 1));
        if (settings.repeat() < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        try (BenchEnvironment env = BenchEnvironment.start(options, progress)) {
            Database database = env.newDatabase("ingest");
            String prefix = env.newCollectionPrefix("ingest");
            String collection = BenchEnvironment.collectionName(prefix);
            AirbyteStandIn airbyte = env.startAirbyte(database, settings.dataset().data(), settings.layout(),
                    settings.emptyBodies() ? BodyMode.EMPTY : BodyMode.PRESENT);
            progress.say("Airbyte stand-in: " + settings.dataset() + ", layout " + settings.layout().cliName()
                    + (settings.emptyBodies() ? ", empty bodies" : ""));
            Optional<ConfluenceBodyServer> bodies = settings.emptyBodies()
                    ? Optional.of(env.closeLater(ConfluenceBodyServer.start(settings.dataset().data())))
                    : Optional.empty();
            bodies.ifPresent(server -> progress.say("Simulated Confluence Cloud (bodies) on " + server.siteUrl()));
            Map<String, String> properties = jobProperties(env, database, prefix, airbyte, settings, bodies);

            IngestionJobProcess job = new IngestionJobProcess(env.jar("batch-job"), env.workDirectory());
            JdbcTemplate jdbc = database.jdbc();
            JobMeasurement first = measureJob(job, properties, "run1", jdbc, bodies, progress);
            IndexCounts counts = IndexCounts.of(jdbc, collection);
            progress.say("Run 1: " + counts.pages() + " pages, " + counts.snippets() + " snippets in "
                    + seconds(first.processing()) + " s of ingest + prune (" + seconds(first.run().wallTime())
                    + " s in the JVM), " + first.report().exitCode());
            JobMeasurement second = measureJob(job, properties, "run2", jdbc, bodies, progress);
            progress.say("Run 2, nothing changed: " + seconds(second.processing()) + " s");

            ConfiguredEmbeddingModel model = EmbeddingModelFactory.create(BenchEnvironment.EMBEDDING);
            List<Pair> pairs = new ArrayList<>();
            pairs.add(new Pair(new Throughput(counts.snippets(), first.processing()),
                    limit(model, jdbc, collection, settings, progress)));
            for (int i = 2; i <= settings.repeat(); i++) {
                String repeatPrefix = prefix + "-r" + i;
                JobMeasurement again = measureJob(job,
                        jobProperties(env, database, repeatPrefix, airbyte, settings, bodies), "run1-r" + i, jdbc,
                        bodies, progress);
                String repeatCollection = BenchEnvironment.collectionName(repeatPrefix);
                Pair pair = new Pair(new Throughput(IndexCounts.of(jdbc, repeatCollection).snippets(), again.processing()),
                        limit(model, jdbc, repeatCollection, settings, progress));
                progress.say("Repetition " + i + ": job " + String.format("%.2f", pair.job().perSecond())
                        + " snippets/s, limit " + String.format("%.2f", pair.limit().perSecond()));
                pairs.add(pair);
            }
            progress.say("Naive LangChain4j pipeline on the same pages…");
            String naivePrefix = prefix + "-naive";
            Throughput naive = NaiveIngestion.run(settings.dataset().data(), model.tokenCounter(),
                    env.chroma(naivePrefix), naivePrefix);
            progress.say("Naive: " + naive.items() + " segments in " + seconds(naive.duration()) + " s");

            ObjectNode result = json(settings, counts, first, second, pairs, naive, jdbc);
            result.put("embedding_model", model.identity().id());
            result.set("machine", MachineInfo.json());
            result.put("database", database.name());
            result.put("collection", collection);
            env.succeeded();
            return result;
        }
    }

    private static Map<String, String> jobProperties(BenchEnvironment env, Database database, String prefix,
                                                     AirbyteStandIn airbyte, Settings settings,
                                                     Optional<ConfluenceBodyServer> bodies) {
        Map<String, String> properties = env.connectionProperties(database, prefix);
        properties.putAll(BenchEnvironment.airbyteProperties(airbyte));
        properties.put("assistant.ingestion.chunk-size", Integer.toString(settings.chunkSize()));
        settings.partitions().ifPresent(n -> properties.put("assistant.ingestion.partitions", n.toString()));
        bodies.ifPresent(server -> properties.putAll(server.jobProperties()));
        return properties;
    }

    private static Throughput limit(ConfiguredEmbeddingModel model, JdbcTemplate jdbc, String collection,
                                    Settings settings, Progress progress) {
        List<List<TextSegment>> texts = EmbeddingLimit.textsInJobChunks(jdbc, collection, settings.chunkSize());
        progress.say("Embedding limit: the same model on the same " + texts.stream().mapToInt(List::size).sum()
                + " texts…");
        return EmbeddingLimit.measure(model.model(), texts);
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static JobMeasurement measureJob(IngestionJobProcess job, Map<String, String> properties, String label,
                                             JdbcTemplate jdbc, Optional<ConfluenceBodyServer> bodies,
                                             Progress progress) {
        progress.say("Job " + label + " (log " + job.log(label) + ")…");
        JobRun run = job.runSuccessfully(properties, label, JOB_TIMEOUT);
        JobRepositoryReport report = JobRepositoryReport.latest(jdbc);
        return new JobMeasurement(run, report, report.durationOf(INGEST_STEP, PRUNE_STEP),
                bodies.map(ConfluenceBodyServer::bodyRequests).orElse(0));
    }

    private static ObjectNode json(Settings settings, IndexCounts counts, JobMeasurement first, JobMeasurement second,
                                   List<Pair> pairs, Throughput naive, JdbcTemplate jdbc) {
        double jobPerSecond = median(pairs.stream().mapToDouble(p -> p.job().perSecond()).toArray());
        double limitPerSecond = median(pairs.stream().mapToDouble(p -> p.limit().perSecond()).toArray());
        ObjectNode result = BenchJson.result("ingest");
        result.put("dataset", settings.dataset().name());
        result.put("layout", settings.layout().cliName());
        result.put("empty_bodies", settings.emptyBodies());
        settings.partitions().ifPresentOrElse(n -> result.put("partitions", n), () -> result.putNull("partitions"));
        result.put("chunk_size", settings.chunkSize());
        result.put("pages", counts.pages());
        result.put("snippets", counts.snippets());
        result.put("skipped_pages", skippedPages(jdbc, first.report().jobExecutionId()));
        result.put("job_exit_code", first.report().exitCode());
        put(result, "job_seconds", first.processing().toNanos() / 1e9, 3);
        put(result, "job_snippets_per_s", jobPerSecond, 2);
        put(result, "embed_limit_snippets_per_s", limitPerSecond, 2);
        put(result, "ratio_to_limit", median(pairs.stream().mapToDouble(Pair::ratio).toArray()), 3);
        result.put("repeat", pairs.size());
        ArrayNode runs = result.putArray("pairs");
        for (Pair pair : pairs) {
            ObjectNode run = runs.addObject();
            put(run, "job_snippets_per_s", pair.job().perSecond(), 2);
            put(run, "embed_limit_snippets_per_s", pair.limit().perSecond(), 2);
            put(run, "ratio_to_limit", pair.ratio(), 3);
        }
        result.put("naive_snippets", naive.items());
        put(result, "naive_snippets_per_s", naive.perSecond(), 2);
        put(result, "speedup_vs_naive", ratio(jobPerSecond, naive.perSecond()), 3);
        put(result, "rerun_seconds", second.processing().toNanos() / 1e9, 3);
        put(result, "rerun_unchanged_ratio", ratio(second.processing().toNanos(), first.processing().toNanos()), 3);
        putHeap(result, first);
        result.put("bodies_fetched", first.bodyRequests());
        result.put("rerun_bodies_fetched", second.bodyRequests() - first.bodyRequests());
        ObjectNode steps = result.putObject("job_steps_seconds");
        first.report().steps().values()
                .forEach(step -> put(steps, step.name(), step.duration().toMillis() / 1000.0, 3));
        put(result, "job_jvm_seconds", first.run().wallTime().toMillis() / 1000.0, 1);
        result.set("job_writer_ms", writerSplit(jdbc, first.report().jobExecutionId()));
        return result;
    }

    /**
     * Where the page step's writer spent its time (embedding, Chroma, state tables), summed over its step
     * executions (one, or one per partition) from the counters the writer keeps in their execution contexts.
     */
    private static ObjectNode writerSplit(JdbcTemplate jdbc, long jobExecutionId) {
        Map<String, Long> totals = new java.util.LinkedHashMap<>();
        List<String> contexts = jdbc.queryForList("""
                select coalesce(c.serialized_context, c.short_context) from batch_step_execution_context c
                join batch_step_execution s on s.step_execution_id = c.step_execution_id
                where s.job_execution_id = ? and (s.step_name = ? or s.step_name like ?)""", String.class,
                jobExecutionId, INGEST_STEP, INGEST_STEP + ":%");
        for (String key : List.of("embed", "chroma", "state")) {
            java.util.regex.Pattern value = java.util.regex.Pattern.compile("\"writer\\." + key
                    + "-ms\"\\s*:\\s*(?:\\[\\s*\"[\\w.]+\"\\s*,\\s*)?(\\d+)");
            long sum = 0;
            for (String context : contexts) {
                java.util.regex.Matcher m = value.matcher(context == null ? "" : context);
                if (m.find()) {
                    sum += Long.parseLong(m.group(1));
                }
            }
            totals.put(key, sum);
        }
        ObjectNode split = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        totals.forEach(split::put);
        return split;
    }

    /**
     * The job JVM's peak heap: what the job itself reports in its execution context (the sum of its heap pools'
     * peak use), else the largest heap use before a collection in its GC log; both GC log peaks are added.
     */
    private static void putHeap(ObjectNode result, JobMeasurement measurement) {
        Optional<GcLogHeap> gc = GcLogHeap.read(measurement.run().gcLog());
        if (measurement.report().reportedPeakHeapMb().isPresent()) {
            result.put("max_heap_mb", measurement.report().reportedPeakHeapMb().getAsLong());
            result.put("max_heap_source", "job-reported");
        } else if (gc.isPresent()) {
            result.put("max_heap_mb", gc.get().beforeGcMb());
            result.put("max_heap_source", "gc-log");
        } else {
            result.putNull("max_heap_mb");
            result.put("max_heap_source", "none");
        }
        gc.ifPresent(peaks -> result.put("gc_log_peak_before_gc_mb", peaks.beforeGcMb())
                .put("gc_log_peak_after_gc_mb", peaks.afterGcMb()));
    }

    private static int skippedPages(JdbcTemplate jdbc, long jobExecutionId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from assistant.ingest_skipped_page where job_execution_id = ?", Integer.class,
                jobExecutionId);
        return count == null ? 0 : count;
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
