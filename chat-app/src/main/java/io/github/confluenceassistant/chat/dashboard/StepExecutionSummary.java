package io.github.confluenceassistant.chat.dashboard;

import java.time.Instant;
import java.util.Map;

/** One step execution as the job repository recorded it, with its execution context. */
public record StepExecutionSummary(long id, String name, String status, Instant start, Instant end,
                                   long readCount, long writeCount, long filterCount, long commitCount,
                                   long rollbackCount, long readSkipCount, long processSkipCount, long writeSkipCount,
                                   String exitCode, String exitDescription, Map<String, Object> context) {

    public long skipCount() {
        return readSkipCount + processSkipCount + writeSkipCount;
    }
}
