package io.github.confluenceassistant.bench.job;

import java.nio.file.Path;
import java.time.Duration;

/** One finished run of the job's JVM: how it exited and where its logs are. */
public record JobRun(String label, int exitCode, Duration wallTime, Path log, Path gcLog) {
}
