package io.jmongos.bench.stats;

import java.util.Arrays;

/**
 * A log-linear latency histogram in nanoseconds: values below {@code 2 * SUB_BUCKETS} are exact; above, every
 * power-of-two range is split into {@link #SUB_BUCKETS} equal buckets, so a recorded value is known within
 * 1/64 (1.6%) of itself. Percentiles report the highest value of the bucket they fall in (conservative, like
 * HdrHistogram's "highest equivalent value"). One instance per thread (not thread-safe); merge at the end.
 */
public final class LatencyHistogram {
    /** log2 of the linear sub-buckets per power of two: 2^6 = 64 buckets, a 1/64 relative error bound. */
    static final int SUB_BITS = 6;
    static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Largest value kept as is: 2^40 ns is about 18 minutes; longer values are clamped to it. */
    static final long MAX_VALUE = (1L << 40) - 1;
    private static final int BUCKETS = index(MAX_VALUE) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Record one value in nanoseconds (negative values count as 0, values above the range are clamped). */
    public void record(long nanos) {
        long v = Math.min(Math.max(nanos, 0), MAX_VALUE);
        counts[index(v)]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Add every value of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public void reset() {
        Arrays.fill(counts, 0);
        count = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = 0;
    }

    public long count() {
        return count;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return max;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The value at {@code percentile} (0..100]: the smallest bucket whose cumulative count reaches
     * {@code ceil(percentile/100 * count)}, reported as that bucket's highest value (never above max()).
     */
    public long percentile(double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestInBucket(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        int e = Math.max(0, 63 - Long.numberOfLeadingZeros(v) - SUB_BITS);
        return (e << SUB_BITS) + (int) (v >>> e);
    }

    static long lowestInBucket(int index) {
        int e = Math.max(0, (index >>> SUB_BITS) - 1);
        return (long) (index - (e << SUB_BITS)) << e;
    }

    static long highestInBucket(int index) {
        int e = Math.max(0, (index >>> SUB_BITS) - 1);
        return ((long) (index - (e << SUB_BITS) + 1) << e) - 1;
    }
}
