package io.github.confluenceassistant.chat.dashboard;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Spring Batch job repository (the {@code BATCH_*} tables the ingestion job writes) and our skipped-page
 * and page-state tables, read-only. A database the job has never run against has no such tables: that reads as
 * "no executions", not as an error.
 *
 * <p>Spring Batch stores times as {@code TIMESTAMP} in the job's time zone; they are read in this JVM's zone, so
 * the chat app and the job should run with the same one (UTC in the containers).
 */
public class JobRepositoryReader {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * The jobs that build the index (not the sync-only {@code confluenceAirbyteSync}): {@code confluenceIngestion}
     * and {@code confluenceProcessing}, and each shard of them when the job runs as an Indexed Job
     * ({@code confluenceIngestion-shard-0-of-4}: every shard is its own job instance).
     */
    private static final String INDEXING_JOB_SQL =
            "i.job_name ~ '^confluence(Ingestion|Processing)(-shard-[0-9]+-of-[0-9]+)?$'";

    private static final String EXECUTIONS = """
            select e.job_execution_id, i.job_name, e.status, e.exit_code, e.exit_message, e.create_time, e.start_time,
                   e.end_time, coalesce(c.serialized_context, c.short_context) as context
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            left join batch_job_execution_context c on c.job_execution_id = e.job_execution_id
            """;

    private final DatabaseClient database;
    private final JsonMapper json;
    private final ZoneId zone;

    public JobRepositoryReader(DatabaseClient database, JsonMapper json) {
        this(database, json, ZoneId.systemDefault());
    }

    JobRepositoryReader(DatabaseClient database, JsonMapper json, ZoneId zone) {
        this.database = database;
        this.json = json;
        this.zone = zone;
    }

    /** The most recent executions, newest first; {@code status} (a {@code BatchStatus} name) filters when given. */
    public List<JobExecutionSummary> recent(int limit, Optional<String> status) {
        String sql = EXECUTIONS + (status.isPresent() ? " where e.status = :status" : "")
                + " order by e.job_execution_id desc limit :limit";
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql).bind("limit", limit);
        if (status.isPresent()) {
            spec = spec.bind("status", status.get());
        }
        return complete(executions(spec));
    }

    public Optional<JobExecutionDetail> find(long executionId) {
        List<JobExecutionSummary> found = complete(executions(
                database.sql(EXECUTIONS + " where e.job_execution_id = :id").bind("id", executionId)));
        return found.stream().findFirst().map(execution -> new JobExecutionDetail(execution,
                skippedPages(executionId), execution.failureSummary(8)));
    }

    /** The execution in progress (STARTING, STARTED or STOPPING), if any. */
    public Optional<JobExecutionSummary> running() {
        return complete(executions(database.sql(EXECUTIONS
                + " where e.status in ('STARTING', 'STARTED', 'STOPPING') order by e.job_execution_id desc limit 1")))
                .stream().findFirst();
    }

    /** The newest execution of a job that builds the index (not the sync-only job). */
    public Optional<JobExecutionSummary> lastIndexingRun(boolean successfulOnly) {
        String sql = EXECUTIONS + " where " + INDEXING_JOB_SQL
                + (successfulOnly ? " and e.status = 'COMPLETED'" : " and e.status not in ('STARTING', 'STARTED', 'STOPPING')")
                + " order by e.job_execution_id desc limit 1";
        return complete(executions(database.sql(sql))).stream().findFirst();
    }

    public List<SkippedPage> skippedPages(long executionId) {
        return orEmpty(() -> database.sql("""
                        select page_id, title, space_key, url, reason from assistant.ingest_skipped_page
                        where job_execution_id = :id order by id""")
                .bind("id", executionId)
                .map(row -> new SkippedPage(row.get("page_id", String.class), row.get("title", String.class),
                        row.get("space_key", String.class), row.get("url", String.class), row.get("reason", String.class)))
                .all().collectList().block(TIMEOUT));
    }

    private List<Row> executions(DatabaseClient.GenericExecuteSpec spec) {
        return orEmpty(() -> spec.map(row -> new Row(row.get("job_execution_id", Long.class),
                        row.get("job_name", String.class), row.get("status", String.class),
                        row.get("exit_code", String.class), row.get("exit_message", String.class),
                        instant(row, "create_time"), instant(row, "start_time"), instant(row, "end_time"),
                        context(row.get("context", String.class))))
                .all().collectList().block(TIMEOUT));
    }

    private List<JobExecutionSummary> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Map<Long, Map<String, String>> parameters = parameters(ids);
        Map<Long, List<StepExecutionSummary>> steps = steps(ids);
        Map<Long, Long> snippets = snippetsWritten(ids);
        return rows.stream().map(row -> summary(row, parameters.getOrDefault(row.id(), Map.of()),
                steps.getOrDefault(row.id(), List.of()), snippets.getOrDefault(row.id(), 0L))).toList();
    }

    private static JobExecutionSummary summary(Row row, Map<String, String> parameters, List<StepExecutionSummary> steps,
                                               long snippets) {
        List<StepExecutionSummary> pageSteps = lastOfEachName(JobExecutionSummary.pageReadingSteps(steps));
        Optional<StepExecutionSummary> prune = last(steps, JobExecutionSummary.PRUNE_STEP);
        Optional<StepExecutionSummary> sync = last(steps, JobExecutionSummary.SYNC_STEP);
        // a restarted execution re-runs only the unfinished steps: the counts are this execution's own
        return new JobExecutionSummary(row.id(), row.jobName(), row.status(), row.exitCode(), row.exitMessage(),
                row.created(), row.start(), row.end(), parameters,
                pageSteps.stream().mapToLong(StepExecutionSummary::readCount).sum(),
                pageSteps.stream().mapToLong(StepExecutionSummary::writeCount).sum(),
                pageSteps.stream().mapToLong(StepExecutionSummary::skipCount).sum(),
                prune.flatMap(s -> number(s.context(), "pruned.pages")).orElse(null),
                snippets,
                sync.flatMap(s -> number(s.context(), "airbyte.job-id")).orElse(null),
                sync.flatMap(s -> number(s.context(), "airbyte.rows-synced")).orElse(null),
                number(row.context(), "jvm.peak-heap-mb").orElse(null),
                steps);
    }

    private static List<StepExecutionSummary> lastOfEachName(List<StepExecutionSummary> steps) {
        Map<String, StepExecutionSummary> last = new LinkedHashMap<>();
        steps.forEach(step -> last.put(step.name(), step));
        return List.copyOf(last.values());
    }

    private static Optional<StepExecutionSummary> last(List<StepExecutionSummary> steps, String name) {
        return steps.stream().filter(s -> s.name().equals(name)).reduce((first, second) -> second);
    }

    private static Optional<Long> number(Map<String, Object> context, String key) {
        return context.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    private Map<Long, Map<String, String>> parameters(Long[] ids) {
        Map<Long, Map<String, String>> byExecution = new HashMap<>();
        orEmpty(() -> database.sql("""
                        select job_execution_id, parameter_name, parameter_value from batch_job_execution_params
                        where job_execution_id = any(:ids) order by parameter_name""")
                .bind("ids", ids)
                .map(row -> new Object[]{row.get("job_execution_id", Long.class), row.get("parameter_name", String.class),
                        row.get("parameter_value", String.class)})
                .all().collectList().block(TIMEOUT))
                .forEach(p -> byExecution.computeIfAbsent((Long) p[0], id -> new LinkedHashMap<>())
                        .put((String) p[1], p[2] == null ? "" : (String) p[2]));
        return byExecution;
    }

    private Map<Long, List<StepExecutionSummary>> steps(Long[] ids) {
        Map<Long, List<StepExecutionSummary>> byExecution = new HashMap<>();
        orEmpty(() -> database.sql("""
                        select s.*, coalesce(c.serialized_context, c.short_context) as context
                        from batch_step_execution s
                        left join batch_step_execution_context c on c.step_execution_id = s.step_execution_id
                        where s.job_execution_id = any(:ids) order by s.step_execution_id""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("job_execution_id", Long.class), new StepExecutionSummary(
                        row.get("step_execution_id", Long.class), row.get("step_name", String.class),
                        row.get("status", String.class), instant(row, "start_time"), instant(row, "end_time"),
                        count(row, "read_count"), count(row, "write_count"), count(row, "filter_count"),
                        count(row, "commit_count"), count(row, "rollback_count"), count(row, "read_skip_count"),
                        count(row, "process_skip_count"), count(row, "write_skip_count"),
                        row.get("exit_code", String.class), row.get("exit_message", String.class),
                        context(row.get("context", String.class)))))
                .all().collectList().block(TIMEOUT))
                .forEach(e -> byExecution.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return byExecution;
    }

    /** Snippets of the pages whose current version in the index the execution wrote. */
    private Map<Long, Long> snippetsWritten(Long[] ids) {
        Map<Long, Long> byExecution = new HashMap<>();
        orEmpty(() -> database.sql("""
                        select job_execution_id, sum(snippet_count) as snippets from assistant.ingest_page_state
                        where job_execution_id = any(:ids) group by job_execution_id""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("job_execution_id", Long.class), count(row, "snippets")))
                .all().collectList().block(TIMEOUT))
                .forEach(e -> byExecution.put(e.getKey(), e.getValue()));
        return byExecution;
    }

    private static long count(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private Instant instant(Readable row, String column) {
        LocalDateTime time = row.get(column, LocalDateTime.class);
        return time == null ? null : time.atZone(zone).toInstant();
    }

    /**
     * An execution context as the job's {@code JacksonExecutionContextStringSerializer} wrote it: JSON with
     * Jackson's default typing, where a long is {@code ["java.lang.Long", 42]} and the map itself may be wrapped
     * the same way. Only plain values are kept.
     */
    Map<String, Object> context(String serialized) {
        if (serialized == null || serialized.isBlank()) {
            return Map.of();
        }
        JsonNode root = unwrap(json.readTree(serialized));
        Map<String, Object> values = new LinkedHashMap<>();
        root.properties().forEach(entry -> {
            JsonNode value = unwrap(entry.getValue());
            if (entry.getKey().startsWith("@")) {
                return;
            }
            if (value.isIntegralNumber()) {
                values.put(entry.getKey(), value.asLong());
            } else if (value.isNumber()) {
                values.put(entry.getKey(), value.asDouble());
            } else if (value.isValueNode()) {
                values.put(entry.getKey(), value.asString());
            }
        });
        return values;
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node.isArray() && node.size() == 2 && node.get(0).isString()) {
            return node.get(1);
        }
        return node;
    }

    private static <T> List<T> orEmpty(java.util.function.Supplier<List<T>> query) {
        try {
            List<T> result = query.get();
            return result == null ? List.of() : result;
        } catch (RuntimeException e) {
            if (isUndefinedTable(e)) {
                return List.of(); // the job has never run against this database
            }
            throw e;
        }
    }

    static boolean isUndefinedTable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && UNDEFINED_TABLE.equals(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private record Row(Long id, String jobName, String status, String exitCode, String exitMessage, Instant created,
                       Instant start, Instant end, Map<String, Object> context) {
    }
}
