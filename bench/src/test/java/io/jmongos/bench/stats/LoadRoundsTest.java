package io.jmongos.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class LoadRoundsTest {

    /** A round of {@code ops} operations of {@code micros} µs each over one second. */
    private static LoadRunnerRound round(long ops, long micros, long errors) {
        LatencyHistogram h = new LatencyHistogram();
        for (long i = 0; i < ops; i++) {
            h.record(micros * 1000);
        }
        return new LoadRunnerRound(LoadResult.of("ping", "jmongos", 8, h, errors, 1.0,
                errors > 0 ? "boom " + ops : null), h);
    }

    private record LoadRunnerRound(LoadResult result, LatencyHistogram histogram) {
    }

    private static LoadRounds of(long compiles, LoadRunnerRound... rounds) {
        List<LoadResult> r = new ArrayList<>();
        List<LatencyHistogram> h = new ArrayList<>();
        for (LoadRunnerRound x : rounds) {
            r.add(x.result());
            h.add(x.histogram());
        }
        return LoadRounds.of(r, h, compiles);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddle() {
        assertThat(LoadRounds.median(new double[] {300, 100, 200})).isEqualTo(200);
        assertThat(LoadRounds.median(new double[] {5})).isEqualTo(5);
        assertThat(LoadRounds.median(new double[] {400, 100, 300, 200})).isEqualTo(250);
        assertThat(LoadRounds.median(new double[] {1, 1000, 2, 3, 999})).isEqualTo(3);
        assertThatThrownBy(() -> LoadRounds.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throughputIsTheMedianRoundWithMinAndMaxAndLatenciesAreOverAllRounds() {
        LoadRounds r = of(7, round(1000, 100, 0), round(3000, 200, 2), round(2000, 400, 1));
        assertThat(r.scenario()).isEqualTo("ping");
        assertThat(r.target()).isEqualTo("jmongos");
        assertThat(r.threads()).isEqualTo(8);
        assertThat(r.opsPerSec()).isEqualTo(2000);
        assertThat(r.minOpsPerSec()).isEqualTo(1000);
        assertThat(r.maxOpsPerSec()).isEqualTo(3000);
        assertThat(r.spread()).isEqualTo(2000);
        assertThat(r.ops()).isEqualTo(6000);
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.firstError()).isEqualTo("boom 3000");
        assertThat(r.compiles()).isEqualTo(7);
        // 6000 operations: 1000 at 100 µs, 3000 at 200 µs, 2000 at 400 µs (each within 1/64 of its bucket's top)
        assertThat(r.p50Micros()).isBetween(200.0, 200 * (1 + 1 / 64.0));
        assertThat(r.p99Micros()).isBetween(400.0, 400 * (1 + 1 / 64.0));
        assertThat(r.maxMicros()).isEqualTo(400.0);
        assertThat(r.rounds()).hasSize(3);
    }

    @Test
    void roundsAndHistogramsMustMatch() {
        LoadRunnerRound a = round(10, 1, 0);
        assertThatThrownBy(() -> LoadRounds.of(List.of(a.result()), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadRounds.of(List.of(), List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDifferenceIsSignificantOnlyWhenLargerThanTheLargerSpread() {
        LoadRounds main = of(0, round(1000, 1, 0), round(1010, 1, 0), round(1020, 1, 0));
        LoadRounds close = of(0, round(960, 1, 0), round(990, 1, 0), round(1000, 1, 0));
        LoadRounds far = of(0, round(800, 1, 0), round(810, 1, 0), round(830, 1, 0));
        LoadRounds noisy = of(0, round(600, 1, 0), round(810, 1, 0), round(1100, 1, 0));
        // medians 1010 vs 990: difference 20, spreads 20 and 40
        assertThat(LoadRounds.significant(main, close)).isFalse();
        // 1010 vs 810: difference 200 > spreads 20 and 30
        assertThat(LoadRounds.significant(main, far)).isTrue();
        assertThat(LoadRounds.significant(far, main)).isTrue();
        // 1010 vs 810 again, but one target's rounds spread over 500
        assertThat(LoadRounds.significant(main, noisy)).isFalse();
    }

    @Test
    void bsonHasTheMedianTheRangeAndEveryRound() {
        BsonDocument d = of(3, round(1000, 100, 0), round(3000, 200, 0), round(2000, 400, 0)).toBson();
        assertThat(d.getDouble("opsPerSec").getValue()).isEqualTo(2000);
        assertThat(d.getDouble("minOpsPerSec").getValue()).isEqualTo(1000);
        assertThat(d.getDouble("maxOpsPerSec").getValue()).isEqualTo(3000);
        assertThat(d.getInt64("compilesDuringLoad").getValue()).isEqualTo(3);
        assertThat(d.getArray("rounds")).hasSize(3);
        assertThat(d.getArray("rounds").get(1).asDocument().getDouble("opsPerSec").getValue()).isEqualTo(3000);
        assertThat(d.isNull("firstError")).isTrue();
    }
}
