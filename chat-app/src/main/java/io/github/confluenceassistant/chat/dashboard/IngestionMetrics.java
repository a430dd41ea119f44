package io.github.confluenceassistant.chat.dashboard;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the last finished indexing run, for alerts: {@code assistant_ingestion_last_run_status} (1 when it
 * completed without warnings, else 0), its age and duration in seconds, and its pages, snippets and skips. The
 * job repository is read at most once per {@code CACHE_FOR}, however often Prometheus scrapes.
 */
class IngestionMetrics implements MeterBinder {

    private static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final JobRepositoryReader jobs;
    private final Clock clock;
    private volatile Snapshot snapshot;

    IngestionMetrics(JobRepositoryReader jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "assistant.ingestion.last.run.status", "1 if the last run completed without warnings, else 0", null,
                run -> run.health() == ExecutionHealth.OK ? 1 : 0);
        gauge(registry, "assistant.ingestion.last.run.age", "Time since the last run ended", "seconds",
                run -> run.end() == null ? Double.NaN : Duration.between(run.end(), clock.instant()).toSeconds());
        gauge(registry, "assistant.ingestion.last.run.duration", "Duration of the last run", "seconds",
                run -> run.duration(clock.instant()).map(Duration::toSeconds).orElse(0L));
        gauge(registry, "assistant.ingestion.last.run.pages", "Pages the last run read", null, JobExecutionSummary::pagesRead);
        gauge(registry, "assistant.ingestion.last.run.snippets", "Snippets the last run wrote", null,
                JobExecutionSummary::snippetsWritten);
        gauge(registry, "assistant.ingestion.last.run.skips", "Pages the last run skipped", null,
                JobExecutionSummary::pagesSkipped);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<JobExecutionSummary> value) {
        Gauge.builder(name, this, metrics -> metrics.lastRun().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).register(registry);
    }

    private Optional<JobExecutionSummary> lastRun() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known == null || known.takenAt().plus(CACHE_FOR).isBefore(now)) {
            known = new Snapshot(now, jobs.lastIndexingRun(false));
            snapshot = known;
        }
        return known.lastRun();
    }

    private record Snapshot(Instant takenAt, Optional<JobExecutionSummary> lastRun) {
    }
}
