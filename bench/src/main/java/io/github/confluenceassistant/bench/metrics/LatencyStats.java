package io.github.confluenceassistant.bench.metrics;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of measured durations by the nearest-rank method: the p-th percentile of n sorted values is the
 * value at rank ceil(p / 100 * n), so it is always one of the measurements (no interpolation).
 */
public final class LatencyStats {

    private final double[] sortedMillis;

    private LatencyStats(double[] sortedMillis) {
        this.sortedMillis = sortedMillis;
    }

    public static LatencyStats ofMillis(Collection<Double> millis) {
        double[] values = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        return new LatencyStats(values);
    }

    public static LatencyStats ofNanos(long[] nanos) {
        double[] values = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(values);
        return new LatencyStats(values);
    }

    public int count() {
        return sortedMillis.length;
    }

    /** @param p in (0, 100]; NaN when there is no measurement */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("A percentile lies in (0, 100], was " + p);
        }
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
        return sortedMillis[Math.max(rank, 1) - 1];
    }

    public double p50() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    public double p99() {
        return percentile(99);
    }

    public double mean() {
        return sortedMillis.length == 0 ? Double.NaN : Arrays.stream(sortedMillis).average().orElseThrow();
    }

    public double max() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
    }
}
