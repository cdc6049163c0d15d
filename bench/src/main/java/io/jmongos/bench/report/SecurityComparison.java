package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.jmongos.bench.stats.LoadRounds;

/**
 * What TLS and authentication cost (issue 13), from loads of the same run: per request, a load on the TLS target
 * ({@code jmongos-tls}) and on the TLS + auth target ({@code jmongos-auth}) beside the same load on the plain
 * {@code jmongos} main port; per connection, {@code connect} plain and over TLS and {@code connectAuth}.
 */
public record SecurityComparison(String scenario, int threads, LoadRounds plain, LoadRounds tls, LoadRounds auth) {
    static final String PLAIN = "jmongos";
    static final String TLS = "jmongos-tls";
    static final String AUTH = "jmongos-auth";
    /** The per-connection scenarios, shown on one row per thread count. */
    static final String CONNECT = "connect";
    static final String CONNECT_AUTH = "connectAuth";

    /**
     * Every load measured on the plain target and on a secured one (connectAuth, which only the auth target runs, is
     * put beside the plain and TLS connect), in run order.
     */
    public static List<SecurityComparison> all(BenchResults r) {
        List<SecurityComparison> out = new ArrayList<>();
        for (LoadRounds plain : r.loads()) {
            if (!plain.target().equals(PLAIN)) {
                continue;
            }
            LoadRounds tls = r.find(plain.scenario(), TLS, plain.threads());
            LoadRounds auth = r.find(plain.scenario().equals(CONNECT) ? CONNECT_AUTH : plain.scenario(), AUTH,
                    plain.threads());
            if (tls != null || auth != null) {
                out.add(new SecurityComparison(plain.scenario(), plain.threads(), plain, tls, auth));
            }
        }
        return out;
    }

    static void append(StringBuilder md, BenchResults r) {
        List<SecurityComparison> all = all(r);
        if (all.isEmpty()) {
            return;
        }
        md.append("#### TLS and authentication vs plain (medians of the rounds; p50 over all rounds)\n\n")
                .append("| scenario | threads | jmongos ops/s | jmongos-tls ops/s (of plain) | jmongos-auth ops/s (of"
                        + " plain) | p50 plain µs | p50 tls µs (added) | p50 auth µs (added) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SecurityComparison c : all) {
            md.append("| ").append(c.scenario().equals(CONNECT) && c.auth() != null ? "connect (auth: connectAuth)"
                            : c.scenario()).append(" | ").append(c.threads()).append(" | ")
                    .append(LoadTables.throughput(c.plain())).append(" | ").append(ofPlain(c, c.tls())).append(" | ")
                    .append(ofPlain(c, c.auth())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", c.plain().p50Micros())).append(" | ")
                    .append(added(c, c.tls())).append(" | ").append(added(c, c.auth())).append(" |\n");
        }
        md.append("\nEach target is its own jmongos process (jmongos-tls: requireTLS, OpenSSL, EC P-256; jmongos-auth:"
                + " the same with --auth, the driver authenticating each pooled connection once). For a request the"
                + " added p50 is TLS's record encryption (and on jmongos-auth the authorization check); connect is a"
                + " new connection per operation: TCP, the TLS handshake, hello, ping, close, and for connectAuth"
                + " SCRAM-SHA-256 (saslStart + saslContinue) before the ping.\n\n");
    }

    /** The secured target's share of the plain target's ops/s. */
    public double ratio(LoadRounds secured) {
        return secured.opsPerSec() / plain.opsPerSec();
    }

    private static String ofPlain(SecurityComparison c, LoadRounds secured) {
        if (secured == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s (%.0f%%)", LoadTables.throughput(secured), 100 * c.ratio(secured));
    }

    private static String added(SecurityComparison c, LoadRounds secured) {
        if (secured == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f (%+,.0f)", secured.p50Micros(),
                secured.p50Micros() - c.plain().p50Micros());
    }
}
