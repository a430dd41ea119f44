package io.github.confluenceassistant.chat.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard, the jobs API and the metrics show: the run in progress, the history, one execution in
 * detail, the index's health; and starting a run, refused while one is active.
 */
public class IngestionDashboard {

    private final JobRepositoryReader jobs;
    private final IndexHealthReader index;
    private final RunLauncher launcher;
    private final DashboardProperties properties;
    private final Clock clock;

    public IngestionDashboard(JobRepositoryReader jobs, IndexHealthReader index, RunLauncher launcher,
                              DashboardProperties properties, Clock clock) {
        this.jobs = jobs;
        this.index = index;
        this.launcher = launcher;
        this.properties = properties;
        this.clock = clock;
    }

    public List<JobExecutionSummary> history(Optional<String> status) {
        return jobs.recent(properties.historySize(), status);
    }

    public Optional<JobExecutionDetail> detail(long executionId) {
        return jobs.find(executionId);
    }

    public IndexHealth health() {
        return index.read();
    }

    public Optional<JobExecutionSummary> lastFinishedRun() {
        return jobs.lastIndexingRun(false);
    }

    public Optional<RunProgress> progress() {
        return jobs.running().map(this::progressOf);
    }

    private RunProgress progressOf(JobExecutionSummary running) {
        Instant now = clock.instant();
        // the reader's own count once its first chunk committed; until then an estimate from the last run
        long toRead = running.pagesToRead().orElseGet(() -> Math.max(
                jobs.lastIndexingRun(true).map(JobExecutionSummary::pagesRead).orElse(0L), index.pagesInIndex()));
        Duration elapsed = running.duration(now).orElse(Duration.ZERO);
        String step = running.currentStep().map(StepExecutionSummary::name).orElse("starting");
        double rate = elapsed.toMillis() > 0 ? running.pagesRead() * 1000.0 / elapsed.toMillis() : 0;
        return new RunProgress(running, running.pagesRead(), Math.max(toRead, running.pagesRead()),
                running.snippetsWritten(), step, elapsed, rate);
    }

    public boolean canStartRuns() {
        return launcher.available();
    }

    public String launcherDescription() {
        return launcher.description();
    }

    /**
     * Launches the job program, which restarts the last failed instance or starts a new one.
     *
     * @throws RunRefusedException when a run is active or runs cannot be started here
     */
    public String startRun() {
        Optional<JobExecutionSummary> running = jobs.running();
        if (running.isPresent()) {
            throw new RunRefusedException("Not started: execution " + running.get().id() + " (" + running.get().jobName()
                    + ") is " + running.get().status() + " since " + running.get().start()
                    + ". Wait for it to end; an execution left STARTED by a killed job is recovered by the next run.");
        }
        launcher.activeRun().ifPresent(active -> {
            throw new RunRefusedException("Not started: " + active);
        });
        return launcher.launch();
    }

    public Duration refreshInterval() {
        return properties.refreshInterval();
    }

    public Clock clock() {
        return clock;
    }
}
