package io.github.confluenceassistant.localstack.airbyte;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The misbehaviour a test has asked the stand-in for. Settable from any thread at any time; the counters are
 * used up one request or job at a time.
 */
final class FaultInjection {

    private volatile Duration syncHold = Duration.ZERO;
    private volatile Duration responseDelay = Duration.ZERO;
    private final AtomicInteger failingSyncs = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger conflictingStarts = new AtomicInteger();

    void holdSyncs(Duration hold) {
        syncHold = nonNegative(hold);
    }

    Duration syncHold() {
        return syncHold;
    }

    void delayResponses(Duration delay) {
        responseDelay = nonNegative(delay);
    }

    Duration responseDelay() {
        return responseDelay;
    }

    void failNextSyncs(int count) {
        failingSyncs.set(Math.max(0, count));
    }

    void respondWithServerError(int count) {
        serverErrors.set(Math.max(0, count));
    }

    void answerConflictOnNextStart(int count) {
        conflictingStarts.set(Math.max(0, count));
    }

    boolean takeSyncFailure() {
        return takeOne(failingSyncs);
    }

    boolean takeServerError() {
        return takeOne(serverErrors);
    }

    boolean takeConflict() {
        return takeOne(conflictingStarts);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private static Duration nonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
