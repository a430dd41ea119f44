package io.github.confluenceassistant.localstack.airbyte;

import java.time.Duration;
import java.time.Instant;

/**
 * A sync job the stand-in has seen, as both APIs report it.
 *
 * @param updatedAt      the last status change; equals {@code createdAt} while the job runs
 * @param failureMessage why the job failed, or null
 */
public record SyncJob(long jobId, String connectionId, JobStatus status, Instant createdAt, Instant updatedAt,
                      long rowsSynced, long bytesSynced, String failureMessage) {

    static SyncJob running(long jobId, String connectionId, Instant now) {
        return new SyncJob(jobId, connectionId, JobStatus.RUNNING, now, now, 0, 0, null);
    }

    SyncJob succeeded(SyncResult result, Instant now) {
        return new SyncJob(jobId, connectionId, JobStatus.SUCCEEDED, createdAt, now, result.rowsWritten(),
                result.bytesWritten(), null);
    }

    SyncJob failed(String message, Instant now) {
        return new SyncJob(jobId, connectionId, JobStatus.FAILED, createdAt, now, 0, 0, message);
    }

    SyncJob cancelled(Instant now) {
        return new SyncJob(jobId, connectionId, JobStatus.CANCELLED, createdAt, now, 0, 0, null);
    }

    /** How long the job ran: until it ended, or until {@code now} while it runs. */
    public Duration duration(Instant now) {
        return Duration.between(createdAt, status.isTerminal() ? updatedAt : now);
    }
}
