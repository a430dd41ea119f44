package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.job.IngestionJobProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ArrayNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the job's JVM again and again, killing each run with SIGKILL at the {@link KillSchedule}'s next moment,
 * until the wanted number of kills is reached or a run completes first; then lets one last run complete.
 */
final class KillingJobRunner {

    /** A run that fails by itself (not killed) this often means something else is wrong. */
    private static final int MAX_UNKILLED_FAILURES = 3;
    private static final Duration FINAL_RUN_TIMEOUT = Duration.ofHours(3);

    private final IngestionJobProcess job;
    private final Map<String, String> properties;
    private final JdbcTemplate jdbc;
    private final String collection;
    private final int pages;
    private final KillSchedule schedule;
    private final Progress progress;

    /**
     * What happened.
     *
     * @param kills            runs killed while the job was not yet complete
     * @param unkilledFailures runs that failed by themselves before their kill moment
     * @param killPoints       each kill: phase (startup, work, after-completion), delay, pages written by then
     */
    record Outcome(int kills, boolean completed, int unkilledFailures, ArrayNode killPoints) {
    }

    KillingJobRunner(IngestionJobProcess job, Map<String, String> properties, JdbcTemplate jdbc, String collection,
                     int pages, KillSchedule schedule, Progress progress) {
        this.job = job;
        this.properties = properties;
        this.jdbc = jdbc;
        this.collection = collection;
        this.pages = pages;
        this.schedule = schedule;
        this.progress = progress;
    }

    Outcome run(int killsWanted) throws InterruptedException {
        ArrayNode killPoints = BenchJson.object().arrayNode();
        int kills = 0;
        int unkilledFailures = 0;
        for (int attempt = 1; kills < killsWanted; attempt++) {
            KillSchedule.Moment moment = schedule.next(1.0 - Math.min(1.0, (double) pagesWritten() / Math.max(1, pages)));
            int executionsBefore = jobExecutions();
            Process process = job.start(properties, "killed-" + attempt);
            if (!killAt(process, moment, () -> jobExecutions() > executionsBefore)) {
                if (process.exitValue() == 0) {
                    progress.say("Attempt " + attempt + " completed before its kill moment");
                    return new Outcome(kills, true, unkilledFailures, killPoints);
                }
                if (++unkilledFailures > MAX_UNKILLED_FAILURES) {
                    throw new IllegalStateException("The job failed by itself " + unkilledFailures + " times; see "
                            + job.log("killed-" + attempt));
                }
                continue;
            }
            int written = pagesWritten();
            if ("COMPLETED".equals(lastExecutionStatus())) {
                // the job had finished and its JVM was on the way out: a completed run, not a killed one
                killPoints.addObject().put("phase", "after-completion").put("delay_ms", moment.delayMillis())
                        .put("pages_written", written);
                progress.say("Attempt " + attempt + " had completed when it was killed");
                return new Outcome(kills, true, unkilledFailures, killPoints);
            }
            kills++;
            String phase = moment.duringStartup() ? "startup" : "work";
            killPoints.addObject().put("phase", phase).put("delay_ms", moment.delayMillis()).put("pages_written", written);
            progress.say("Kill " + kills + " during " + phase + ", " + moment.delayMillis() + " ms in (" + written
                    + " / " + pages + " pages written)");
        }
        progress.say("Final run, not killed (log " + job.log("final") + ")…");
        boolean completed = job.run(properties, "final", FINAL_RUN_TIMEOUT).exitCode() == 0;
        return new Outcome(kills, completed, unkilledFailures, killPoints);
    }

    /**
     * Kills the process at the moment: that long after its start, or after the job has started working (a new
     * job execution appeared). @return false when the process ended by itself first
     */
    private static boolean killAt(Process process, KillSchedule.Moment moment, BooleanSupplier jobStarted)
            throws InterruptedException {
        if (!moment.duringStartup()) {
            while (!jobStarted.getAsBoolean()) {
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
        if (process.waitFor(moment.delayMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        process.waitFor();
        return true;
    }

    private int pagesWritten() {
        return countOrZero("select count(*) from assistant.ingest_page_state where collection = ?", collection);
    }

    int jobExecutions() {
        return countOrZero("select count(*) from batch_job_execution");
    }

    int jobInstances() {
        return countOrZero("select count(*) from batch_job_instance");
    }

    private String lastExecutionStatus() {
        try {
            return jdbc.queryForList("select status from batch_job_execution order by job_execution_id desc limit 1",
                    String.class).stream().findFirst().orElse("");
        } catch (RuntimeException tableNotThereYet) {
            return "";
        }
    }

    /** The tables appear only once the first run has got that far. */
    private int countOrZero(String sql, Object... arguments) {
        try {
            Integer count = jdbc.queryForObject(sql, Integer.class, arguments);
            return count == null ? 0 : count;
        } catch (RuntimeException tableNotThereYet) {
            return 0;
        }
    }
}
