package io.jmongos.bench.report;

import static io.jmongos.bench.report.LoadTablesTest.load;
import static io.jmongos.bench.report.LoadTablesTest.results;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BarsTest {

    private static Bar lbBar(BenchResults r) {
        List<Bar> bars = Bars.evaluate(r);
        return bars.stream().filter(b -> b.name().startsWith("jmongos-lb")).findFirst().orElseThrow();
    }

    @Test
    void lbBarIsMetWhenEveryMedianIsWithinFivePercent() {
        Bar b = lbBar(results(load("ping", "jmongos", 8, 1000, 1010, 1020), load("ping", "jmongos-lb", 8, 900, 990,
                1100), load("ping", "jmongos", 64, 2000, 2000, 2000), load("ping", "jmongos-lb", 64, 1960, 1970,
                1980)));
        assertThat(b.met()).isTrue();
        assertThat(b.measured()).isEqualTo("worst 98.0% (ping@8, within the spread) over 2 loads; 0 below 95%,"
                + " 0 of them by more than the spread of the rounds");
    }

    @Test
    void lbBarComparesMediansNotSingleRoundsAndCountsSignificantMisses() {
        // a bad round (500) of the LB target does not move its median; findOne is 20% slower in every round
        Bar b = lbBar(results(load("ping", "jmongos", 8, 1000, 1010, 1020), load("ping", "jmongos-lb", 8, 500, 1000,
                1010), load("findOne", "jmongos", 8, 1000, 1010, 1020), load("findOne", "jmongos-lb", 8, 800, 810,
                830), load("update", "jmongos", 8, 1000, 1500, 2000), load("update", "jmongos-lb", 8, 1000, 1200,
                1900)));
        assertThat(b.met()).isFalse();
        assertThat(b.measured()).isEqualTo("worst 80.0% (update@8, within the spread) over 3 loads; 2 below 95%,"
                + " 1 of them by more than the spread of the rounds");
    }

    @Test
    void ratioBarsUseTheMedians() {
        Bar b = Bars.evaluate(results(load("ping", "jmongos", 64, 100, 700, 800), load("ping", "limit", 64, 1000,
                1000, 5000))).get(0);
        assertThat(b.met()).isTrue();
        assertThat(b.measured()).isEqualTo("70% (700 vs 1,000 ops/s)");
    }
}
