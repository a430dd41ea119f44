package io.github.confluenceassistant.bench.metrics;

import java.time.Duration;

/** So many items in so much time. */
public record Throughput(long items, Duration duration) {

    public double seconds() {
        return duration.toNanos() / 1e9;
    }

    /** Items per second, NaN when no time passed. */
    public double perSecond() {
        return duration.isZero() ? Double.NaN : items / seconds();
    }
}
