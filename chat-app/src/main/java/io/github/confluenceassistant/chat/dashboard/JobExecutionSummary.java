package io.github.confluenceassistant.chat.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job execution with the figures the dashboard shows, taken from its steps' counts and execution contexts.
 *
 * @param pagesRead       pages the {@code ingestPages} step read (every page of the source, changed or not)
 * @param pagesChanged    pages it wrote (new or changed since the previous run)
 * @param pagesSkipped    pages it skipped (read, process and write skips)
 * @param pagesPruned     pages the {@code pruneStalePages} step removed, when it ran
 * @param snippetsWritten snippets of the pages this execution wrote that are still in the index as it wrote them
 * @param airbyteJobId    the Airbyte sync job the {@code airbyteSync} step ran, if any
 * @param airbyteRowsSynced the rows Airbyte reported for it
 */
public record JobExecutionSummary(long id, String jobName, String status, String exitCode, String exitDescription,
                                  Instant created, Instant start, Instant end, Map<String, String> parameters,
                                  long pagesRead, long pagesChanged, long pagesSkipped, Long pagesPruned,
                                  long snippetsWritten, Long airbyteJobId, Long airbyteRowsSynced, Long peakHeapMb,
                                  List<StepExecutionSummary> steps) {

    public static final String INGEST_STEP = "ingestPages";
    public static final String PRUNE_STEP = "pruneStalePages";
    public static final String SYNC_STEP = "airbyteSync";

    @JsonProperty("health")
    public ExecutionHealth health() {
        return ExecutionHealth.of(status, exitCode);
    }

    public boolean running() {
        return health() == ExecutionHealth.RUNNING;
    }

    /** Start to end, or to {@code now} while running. */
    public Optional<Duration> duration(Instant now) {
        if (start == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(start, end != null ? end : now));
    }

    /** Pages read per second of the whole run. */
    public Optional<Double> pagesPerSecond(Instant now) {
        return duration(now).filter(d -> d.toMillis() > 0).map(d -> pagesRead * 1000.0 / d.toMillis());
    }

    /** The step running now (the last one started and not ended). */
    public Optional<StepExecutionSummary> currentStep() {
        return steps.stream().filter(s -> s.end() == null).reduce((first, second) -> second);
    }

    public Optional<StepExecutionSummary> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).reduce((first, second) -> second);
    }

    /**
     * The step executions that read pages: the workers {@code ingestPages:p0…} of a partitioned page step (their
     * manager only adds their counts up when they are done), else the {@code ingestPages} step itself.
     */
    public static List<StepExecutionSummary> pageReadingSteps(List<StepExecutionSummary> steps) {
        List<StepExecutionSummary> workers = steps.stream().filter(s -> s.name().startsWith(INGEST_STEP + ":")).toList();
        return workers.isEmpty() ? steps.stream().filter(s -> s.name().equals(INGEST_STEP)).toList() : workers;
    }

    /** The pages this execution's page step set out to read, as its reader counted them when it opened. */
    public Optional<Long> pagesToRead() {
        List<Long> counts = pageReadingSteps(steps).stream()
                .map(s -> s.context().get("page-reader.to-read"))
                .filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
        return counts.isEmpty() ? Optional.empty() : Optional.of(counts.stream().mapToLong(Long::longValue).sum());
    }

    /** The first lines of the exit message of a failed run: the exception and where it came from. */
    public String failureSummary(int lines) {
        if (health() != ExecutionHealth.FAILED || exitDescription == null || exitDescription.isBlank()) {
            return "";
        }
        return exitDescription.lines().limit(lines).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
