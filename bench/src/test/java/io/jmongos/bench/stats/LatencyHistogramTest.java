package io.jmongos.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 0; v < 2 * LatencyHistogram.SUB_BUCKETS; v++) {
            assertThat(LatencyHistogram.lowestInBucket(LatencyHistogram.index(v))).isEqualTo(v);
            assertThat(LatencyHistogram.highestInBucket(LatencyHistogram.index(v))).isEqualTo(v);
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(128);
        assertThat(h.min()).isZero();
        assertThat(h.max()).isEqualTo(127);
        assertThat(h.percentile(50)).isEqualTo(63);
        assertThat(h.percentile(100)).isEqualTo(127);
    }

    @Test
    void bucketsAreContiguousAndBoundTheRelativeError() {
        long previousHigh = -1;
        for (int i = 0; i <= LatencyHistogram.index(LatencyHistogram.MAX_VALUE); i++) {
            long low = LatencyHistogram.lowestInBucket(i);
            long high = LatencyHistogram.highestInBucket(i);
            assertThat(low).isEqualTo(previousHigh + 1);
            assertThat(LatencyHistogram.index(low)).isEqualTo(i);
            assertThat(LatencyHistogram.index(high)).isEqualTo(i);
            assertThat((double) (high - low)).isLessThanOrEqualTo(Math.max(0, low / 64.0));
            previousHigh = high;
        }
        assertThat(previousHigh).isEqualTo(LatencyHistogram.MAX_VALUE);
    }

    @Test
    void percentilesOfUniformValuesWithinErrorBound() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000);
        }
        assertThat(h.mean()).isEqualTo(50_000_500.0);
        assertThat((double) h.percentile(50)).isBetween(50_000_000.0, 50_000_000 * (1 + 1 / 64.0));
        assertThat((double) h.percentile(99)).isBetween(99_000_000.0, 99_000_000 * (1 + 1 / 64.0));
        assertThat((double) h.percentile(99.9)).isBetween(99_900_000.0, 99_900_000 * (1 + 1 / 64.0));
        assertThat(h.percentile(100)).isEqualTo(100_000_000L);
    }

    @Test
    void mergeEqualsRecordingEverythingInOne() {
        Random random = new Random(7);
        LatencyHistogram all = new LatencyHistogram();
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 10_000; i++) {
            long v = (long) Math.exp(random.nextDouble() * 20);
            all.record(v);
            (i % 2 == 0 ? a : b).record(v);
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.min()).isEqualTo(all.min());
        assertThat(a.max()).isEqualTo(all.max());
        for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
            assertThat(a.percentile(p)).isEqualTo(all.percentile(p));
        }
    }

    @Test
    void clampsOutOfRangeValuesAndRejectsBadPercentiles() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentile(99)).isZero();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertThat(h.min()).isZero();
        assertThat(h.max()).isEqualTo(LatencyHistogram.MAX_VALUE);
        assertThatThrownBy(() -> h.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
        h.reset();
        assertThat(h.count()).isZero();
    }
}
