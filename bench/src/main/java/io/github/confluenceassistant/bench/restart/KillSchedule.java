package io.github.confluenceassistant.bench.restart;

import java.util.Random;

/**
 * When to kill the next run, drawn from a seeded random source. Some kills land while the JVM starts (before the
 * job runs: Spring, the lock, recovering the killed execution); the others at a uniform moment within the work
 * still left, measured from when the job starts: the reference run's step time times the share of pages not
 * yet written. So kills fall in the Airbyte sync, in page chunks and in pruning alike, and keep falling inside
 * the work as it shrinks with each resumed run. The same seed gives the same moments for the same progress.
 */
final class KillSchedule {

    /** The share of kills that land during start-up. */
    static final double STARTUP_SHARE = 0.2;

    private final Random random;
    private final long startupMillis;
    private final long workMillis;
    private final long minimumMillis;

    /**
     * One kill moment.
     *
     * @param duringStartup  counted from the process start; otherwise from the moment the job starts working
     * @param delayMillis    how long after that to kill
     */
    record Moment(boolean duringStartup, long delayMillis) {
    }

    KillSchedule(Random random, long startupMillis, long workMillis, long minimumMillis) {
        this.random = random;
        this.startupMillis = Math.max(startupMillis, minimumMillis + 1);
        this.workMillis = Math.max(workMillis, 1);
        this.minimumMillis = minimumMillis;
    }

    /** @param workLeft the share of the work still to do, 0..1 */
    Moment next(double workLeft) {
        if (random.nextDouble() < STARTUP_SHARE) {
            return new Moment(true, minimumMillis + (long) (random.nextDouble() * (startupMillis - minimumMillis)));
        }
        long left = Math.max(1, Math.round(workMillis * Math.clamp(workLeft, 0.0, 1.0)));
        return new Moment(false, (long) (random.nextDouble() * left));
    }
}
