package io.github.confluenceassistant.bench.job;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job execution as Spring Batch recorded it in PostgreSQL ({@code BATCH_JOB_EXECUTION},
 * {@code BATCH_STEP_EXECUTION}, {@code BATCH_JOB_EXECUTION_CONTEXT}): status, each step's duration and counts,
 * and the peak heap the job reports in its execution context.
 *
 * @param steps in execution order
 */
public record JobRepositoryReport(long jobExecutionId, String status, String exitCode, Map<String, StepReport> steps,
                                  OptionalLong reportedPeakHeapMb) {

    /** The key under which the job's listener stores its JVM's peak heap (batch-job: IngestionJobListener.PEAK_HEAP_MB). */
    static final String PEAK_HEAP_KEY = "jvm.peak-heap-mb";
    private static final Pattern PEAK_HEAP_JSON = Pattern.compile(
            "\"" + Pattern.quote(PEAK_HEAP_KEY) + "\"\\s*:\\s*(?:\\[\\s*\"[\\w.]+\"\\s*,\\s*)?(\\d+)");

    /** One step execution. */
    public record StepReport(String name, String status, Duration duration, long readCount, long writeCount,
                             long filterCount, long commitCount) {
    }

    /** The latest job execution in this database. */
    public static JobRepositoryReport latest(JdbcTemplate jdbc) {
        Long id = jdbc.queryForObject("select max(job_execution_id) from batch_job_execution", Long.class);
        if (id == null) {
            throw new IllegalStateException("The job repository holds no job execution");
        }
        return of(jdbc, id);
    }

    public static JobRepositoryReport of(JdbcTemplate jdbc, long jobExecutionId) {
        Map<String, Object> execution = jdbc.queryForMap(
                "select status, exit_code from batch_job_execution where job_execution_id = ?", jobExecutionId);
        Map<String, StepReport> steps = new LinkedHashMap<>();
        jdbc.query("""
                select step_name, status, start_time, end_time, read_count, write_count, filter_count, commit_count
                from batch_step_execution where job_execution_id = ? order by step_execution_id""", rs -> {
            Timestamp start = rs.getTimestamp("start_time");
            Timestamp end = rs.getTimestamp("end_time");
            Duration duration = start == null || end == null ? Duration.ZERO
                    : Duration.between(start.toInstant(), end.toInstant());
            steps.put(rs.getString("step_name"), new StepReport(rs.getString("step_name"), rs.getString("status"),
                    duration, rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("filter_count"),
                    rs.getLong("commit_count")));
        }, jobExecutionId);
        List<Map<String, Object>> context = jdbc.queryForList(
                "select short_context, serialized_context from batch_job_execution_context where job_execution_id = ?",
                jobExecutionId);
        OptionalLong peakHeap = context.stream().findFirst()
                .map(row -> peakHeapOf((String) (row.get("serialized_context") != null // long contexts overflow into it
                        ? row.get("serialized_context") : row.get("short_context"))))
                .orElse(OptionalLong.empty());
        return new JobRepositoryReport(jobExecutionId, (String) execution.get("status"),
                (String) execution.get("exit_code"), steps, peakHeap);
    }

    /** The summed duration of these steps (a step that did not run counts zero). */
    public Duration durationOf(String... stepNames) {
        Duration total = Duration.ZERO;
        for (String name : stepNames) {
            StepReport step = steps.get(name);
            if (step != null) {
                total = total.plus(step.duration());
            }
        }
        return total;
    }

    /**
     * The peak heap from a serialized execution context: Spring Batch writes it as JSON (Jackson serializer) or as
     * Base64 of a Java-serialized map (its default serializer); both are read.
     */
    static OptionalLong peakHeapOf(String serializedContext) {
        if (serializedContext == null || serializedContext.isBlank()) {
            return OptionalLong.empty();
        }
        String text = serializedContext.strip();
        if (text.startsWith("{")) {
            Matcher m = PEAK_HEAP_JSON.matcher(text);
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.*;java.lang.*;!*"));
            if (in.readObject() instanceof Map<?, ?> map && map.get(PEAK_HEAP_KEY) instanceof Number peak) {
                return OptionalLong.of(peak.longValue());
            }
            return OptionalLong.empty();
        } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
