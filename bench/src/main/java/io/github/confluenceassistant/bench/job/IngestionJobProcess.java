package io.github.confluenceassistant.bench.job;

import io.github.confluenceassistant.localstack.process.JavaProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingestion job as production runs it: {@code java -jar batch-job-exec.jar --prop=value...}, one run per
 * JVM, here with a 1 GiB heap (as {@code ./run-local}) and a GC log, so its heap can be read afterwards.
 */
public final class IngestionJobProcess {

    static final String HEAP = "-Xmx1g";

    private final Path jar;
    private final Path logDirectory;

    public IngestionJobProcess(Path jar, Path logDirectory) {
        this.jar = jar;
        this.logDirectory = logDirectory;
    }

    /** Starts one run; its output goes to {@code <label>.log}, its GC log to {@code <label>-gc.log}. */
    public Process start(Map<String, String> properties, String label) {
        return JavaProcess.ofJar(jar, HEAP, "-Xlog:gc:file=" + gcLog(label)).start(properties, log(label));
    }

    /** Runs to the end. */
    public JobRun run(Map<String, String> properties, String label, Duration timeout) {
        Instant start = Instant.now();
        Process process = start(properties, label);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                JavaProcess.stop(process, Duration.ofSeconds(10));
                throw new IllegalStateException("The ingestion job still ran after " + timeout + "; see " + log(label));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ingestion job ran", e);
        }
        return new JobRun(label, process.exitValue(), Duration.between(start, Instant.now()), log(label), gcLog(label));
    }

    /** Runs to the end and insists on exit code 0. */
    public JobRun runSuccessfully(Map<String, String> properties, String label, Duration timeout) {
        JobRun run = run(properties, label, timeout);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("The ingestion job (" + label + ") failed with exit code " + run.exitCode()
                    + "; last lines of " + run.log() + ":\n" + tail(run.log(), 30));
        }
        return run;
    }

    public Path log(String label) {
        return logDirectory.resolve(label + ".log");
    }

    Path gcLog(String label) {
        return logDirectory.resolve(label + "-gc.log");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
