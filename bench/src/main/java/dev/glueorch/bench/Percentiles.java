package dev.glueorch.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample, in milliseconds. */
public record Percentiles(int count, double p50, double p99, double mean) {

    public static Percentiles ofNanos(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return new Percentiles(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis((long) Arrays.stream(sorted).average().orElseThrow()));
    }

    /** The median of a few whole runs (cold starts), in milliseconds. */
    public static double medianMillis(Collection<Long> nanos) {
        return ofNanos(nanos).p50();
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
