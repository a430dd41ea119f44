package io.github.confluenceassistant.batch.airbyte;

import java.util.Locale;
import java.util.Set;

/**
 * An Airbyte sync job as both API flavours report it.
 *
 * @param rowsSynced null while unknown (running, or the platform omits it)
 */
public record SyncJob(long id, String status, Long rowsSynced) {

    private static final Set<String> FAILED = Set.of("failed", "cancelled");

    public String normalizedStatus() {
        return status == null ? "unknown" : status.toLowerCase(Locale.ROOT);
    }

    public boolean succeeded() {
        return "succeeded".equals(normalizedStatus());
    }

    public boolean failed() {
        return FAILED.contains(normalizedStatus());
    }

    /** {@code incomplete} means Airbyte retries an attempt: keep waiting, as for any unknown status. */
    public boolean isTerminal() {
        return succeeded() || failed();
    }
}
