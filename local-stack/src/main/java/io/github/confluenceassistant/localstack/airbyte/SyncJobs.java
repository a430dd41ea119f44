package io.github.confluenceassistant.localstack.airbyte;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * The jobs of the stand-in's one connection. A started job runs on its own thread: it stays {@code running} for
 * the hold time asked for, then syncs (or fails when told to) and ends {@code succeeded} or {@code failed}. Only
 * one job runs at a time, as in Airbyte.
 */
final class SyncJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncJobs.class);
    /** How often a held job looks again at the hold time, so that changing it takes effect at once. */
    private static final long HOLD_CHECK_MILLIS = 20;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String connectionId;
    private final FaultInjection faults;
    private final LongFunction<SyncResult> sync;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
    private final Object lock = new Object();
    private final Map<Long, SyncJob> jobsById = new LinkedHashMap<>();
    private long lastJobId;
    private volatile boolean closed;

    /** @param sync writes the tables for the given job id */
    SyncJobs(String connectionId, FaultInjection faults, LongFunction<SyncResult> sync) {
        this.connectionId = connectionId;
        this.faults = faults;
        this.sync = sync;
    }

    /** Starts a job, or refuses when one runs (or when a conflict was injected). */
    SyncJob start() {
        synchronized (lock) {
            if (faults.takeConflict() || jobsById.values().stream().anyMatch(job -> !job.status().isTerminal())) {
                throw new SyncAlreadyRunningException(connectionId);
            }
            SyncJob job = SyncJob.running(++lastJobId, connectionId, Instant.now());
            jobsById.put(job.jobId(), job);
            runner.execute(() -> run(job.jobId()));
            log.info("Airbyte stand-in started job {}", job.jobId());
            return job;
        }
    }

    /** Syncs now on the caller's thread, outside any fault injection, and records it as a succeeded job. */
    SyncResult runNow() {
        SyncJob job;
        synchronized (lock) {
            job = SyncJob.running(++lastJobId, connectionId, Instant.now());
            jobsById.put(job.jobId(), job);
        }
        try {
            SyncResult result = sync.apply(job.jobId());
            update(job.jobId(), running -> running.succeeded(result, Instant.now()));
            return result;
        } catch (RuntimeException e) {
            update(job.jobId(), running -> running.failed(e.getMessage(), Instant.now()));
            throw e;
        }
    }

    Optional<SyncJob> get(long jobId) {
        synchronized (lock) {
            return Optional.ofNullable(jobsById.get(jobId));
        }
    }

    /** All jobs, oldest first. */
    List<SyncJob> all() {
        synchronized (lock) {
            return List.copyOf(jobsById.values());
        }
    }

    /** Cancels a job that has not ended; an ended job stays as it is. */
    Optional<SyncJob> cancel(long jobId) {
        update(jobId, job -> job.cancelled(Instant.now()));
        return get(jobId);
    }

    private void run(long jobId) {
        try {
            if (!awaitHoldEnd(jobId)) {
                return;
            }
            if (faults.takeSyncFailure()) {
                update(jobId, job -> job.failed("Injected failure: the sync failed", Instant.now()));
                log.info("Airbyte stand-in failed job {} as asked", jobId);
                return;
            }
            if (closed || get(jobId).map(job -> job.status().isTerminal()).orElse(true)) {
                return;
            }
            SyncResult result = sync.apply(jobId);
            update(jobId, job -> job.succeeded(result, Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Airbyte stand-in job {} failed", jobId, e);
            update(jobId, job -> job.failed(e.getMessage(), Instant.now()));
        }
    }

    /** @return false when the job was cancelled while held */
    private boolean awaitHoldEnd(long jobId) throws InterruptedException {
        while (true) {
            Optional<SyncJob> job = get(jobId);
            if (closed || job.isEmpty() || job.get().status().isTerminal()) {
                return false;
            }
            Instant releaseAt = job.get().createdAt().plus(faults.syncHold());
            long waitMillis = Duration.between(Instant.now(), releaseAt).toMillis();
            if (waitMillis <= 0) {
                return true;
            }
            Thread.sleep(Math.min(waitMillis, HOLD_CHECK_MILLIS));
        }
    }

    /** Applies the change to a job that is still running; ended jobs are final. */
    private void update(long jobId, UnaryOperator<SyncJob> change) {
        synchronized (lock) {
            SyncJob job = jobsById.get(jobId);
            if (job != null && !job.status().isTerminal()) {
                jobsById.put(jobId, change.apply(job));
            }
        }
    }

    /** Held jobs are dropped; a sync already writing may finish, so no transaction is cut off midway. */
    @Override
    public void close() {
        closed = true;
        runner.shutdown();
        try {
            if (!runner.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
