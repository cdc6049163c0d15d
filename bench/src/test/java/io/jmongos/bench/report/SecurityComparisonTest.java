package io.jmongos.bench.report;

import static io.jmongos.bench.report.LoadTablesTest.results;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jmongos.bench.stats.LatencyHistogram;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.stats.LoadRounds;
import io.jmongos.bench.target.TargetKind;

/** The TLS and auth table: each secured target's share of the plain target's ops/s and the p50 it adds. */
class SecurityComparisonTest {
    /** One round of {@code ops} operations of {@code micros} µs each in one second. */
    private static LoadRounds load(String scenario, String target, int threads, long ops, long micros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long i = 0; i < ops; i++) {
            h.record(micros * 1000);
        }
        return LoadRounds.of(List.of(LoadResult.of(scenario, target, threads, h, 0, 1.0, null)), List.of(h), 0);
    }

    @Test
    void findOneWithTlsAndAuthBesideThePlainPort() {
        BenchResults r = results(load("findOne", "jmongos", 64, 1000, 100), load("findOne", "jmongos-tls", 64, 800,
                125), load("findOne", "jmongos-auth", 64, 750, 130), load("insert", "jmongos", 64, 900, 100));
        StringBuilder md = new StringBuilder();
        SecurityComparison.append(md, r);
        assertThat(md.toString()).contains("| findOne | 64 | 1,000 | 800 (80%) | 750 (75%) | 100 | 125 (+25) | 130"
                + " (+30) |").doesNotContain("| insert |");
    }

    @Test
    void connectAuthSitsBesideThePlainAndTlsConnect() {
        BenchResults r = results(load("connect", "jmongos", 8, 4000, 2000), load("connect", "jmongos-tls", 8, 1000,
                8000), load("connectAuth", "jmongos-auth", 8, 500, 16000));
        StringBuilder md = new StringBuilder();
        SecurityComparison.append(md, r);
        assertThat(md.toString()).contains("| connect (auth: connectAuth) | 8 | 4,000 | 1,000 (25%) | 500 (13%) |");
    }

    @Test
    void nothingWithoutASecuredTarget() {
        StringBuilder md = new StringBuilder();
        SecurityComparison.append(md, results(load("findOne", "jmongos", 64, 1000, 100)));
        assertThat(md.toString()).isEmpty();
    }

    @Test
    void securedTargetsMeasureTheirScenariosOnly() {
        assertThat(List.of("ping", "findOne", "connect")).allMatch(TargetKind.JMONGOS_TLS::measures);
        assertThat(List.of("insert", "find100", "connectAuth")).noneMatch(TargetKind.JMONGOS_TLS::measures);
        assertThat(List.of("findOne", "connectAuth")).allMatch(TargetKind.JMONGOS_AUTH::measures);
        assertThat(TargetKind.JMONGOS.measures("connectAuth")).isFalse();
        assertThat(TargetKind.JMONGOS_AUTH.authenticates()).isTrue();
        assertThat(TargetKind.JMONGOS_TLS.usesTls()).isTrue();
        assertThat(TargetKind.JMONGOS_TLS.isJmongos()).as("its own process").isFalse();
    }
}
