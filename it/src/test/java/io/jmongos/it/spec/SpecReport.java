package io.jmongos.it.spec;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Summaries and the markdown report of spec-run (docs/CONFORMANCE.md). */
final class SpecReport {
    /** One run: a topology and its results. */
    record Run(String topology, List<TestResult> results) {
    }

    /** What each topology runs against (SpecCluster, Topology); printed in every report. */
    private static final String TOPOLOGIES = """
            ## Topologies

            | topology | runOnRequirements name | what the driver talks to |
            | --- | --- | --- |
            | `sharded` | sharded | two jmongos on one embedded store, directly (both with `useMultipleMongoses`) |
            | `load-balanced` | load-balanced | the same two through HAProxy with `send-proxy-v2` on their LB ports |
            | `cluster-sharded` | sharded | a cluster: a config server (`--configsvr`), two shard servers \
            (`--shardsvr`) and two routers (`--configdb`) reaching the shards through RemoteShard, both shards \
            added; the routers directly |
            | `cluster-load-balanced` | load-balanced | the same cluster's two routers through HAProxy with \
            `send-proxy-v2 check` on their LB ports |
            | `secured-sharded` | sharded | the same cluster with TLS and authentication everywhere: every member \
            `--tlsMode requireTLS` (its links to the other members too) and `--keyFile` (members authenticate to \
            each other as `__system`, clients must authenticate); the runner creates its user (root) through the \
            localhost exception and every client connects with `tls=true` and that user's SCRAM-SHA-256 \
            credentials; the routers directly |
            | `secured-load-balanced` | load-balanced | the secured cluster's two routers through HAProxy \
            (`send-proxy-v2 check`; the PROXY header in clear, TLS from the driver to the router) |

            The cluster's five servers run in one JVM (the runner's), each with its own listeners, talking over real
            loopback TCP; a fresh cluster per topology (per suite class under JUnit). The shard servers are
            jmongos's own: no real mongod was tested. The secured topologies run the load-balancers, transactions
            and CRUD suites only. `mvn verify` runs the first four on every suite (`-Dspec.cluster=off` leaves out
            the two cluster ones, about a minute of the build on two cores) and the secured two on the
            load-balancers suite only (`-Dspec.secured=on` adds transactions and CRUD, about two more minutes;
            `off` none); `it/spec-run` runs all six.

            """;

    /** How the runner reads the format where a choice had to be made; printed in every report. */
    private static final String RUNNER_NOTES = """
            ## How the runner reads the format

            - Failures listed in it/src/test/resources/io/jmongos/it/spec/expected-failures.txt count as failed
              here; the JUnit entry points report them as skipped so the build stays green while this file
              tracks the bar. A test the runner or the Java driver cannot run is skipped with the reason.
            - `lb-connection-establishment` carries a `skipReason` ("servers have not implemented LB support
              yet"); jmongos refuses that handshake, so the runner runs it anyway.
            - `isClientError`: driver-side errors (MongoClientException, network errors, IllegalArgument/State)
              are client errors, except a server-selection timeout whose cause, as the driver's cluster
              description records it, is an error reply of the server (the Java driver reports a refused
              handshake that way), which derives from a server response.
            - Clients use a 50 ms heartbeat and, unless a test sets one, a 5 s server selection timeout.
            - Known Java driver limitations (its own test suite skips them) are skipped with the JIRA ticket.

            """;

    /** The known-differences section, beside the expected-failures list. */
    private static final String KNOWN_DIFFERENCES = "known-differences.md";

    private SpecReport() {
    }

    static String counts(List<TestResult> results) {
        long passed = results.stream().filter(r -> r.status() == TestResult.Status.PASSED).count();
        long failed = results.stream().filter(r -> r.status() == TestResult.Status.FAILED).count();
        long skipped = results.stream().filter(r -> r.status() == TestResult.Status.SKIPPED).count();
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    static String summaryLine(String what, List<TestResult> results) {
        return what + ": " + counts(results);
    }

    /** Passed as a percentage of runnable (passed + failed) tests. */
    static String rate(List<TestResult> results) {
        long passed = results.stream().filter(r -> r.status() == TestResult.Status.PASSED).count();
        long failed = results.stream().filter(r -> r.status() == TestResult.Status.FAILED).count();
        return passed + failed == 0 ? "-" : String.format("%.1f%%", 100.0 * passed / (passed + failed));
    }

    static String markdown(List<Run> runs, String command, ExpectedFailures expected) {
        StringBuilder md = new StringBuilder();
        md.append("# Spec conformance\n\n")
                .append("Generated by `").append(command).append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(". Do not edit by hand: rerun the command.\n\n")
                .append("The MongoDB drivers' Unified Test Format files (../shared/specifications) run through the "
                        + "project's runner (it/src/test/java/io/jmongos/it/spec) on the official Java driver "
                        + "5.14.0. Pass rate = passed / (passed + failed); skipped tests do not run (requirements "
                        + "not met, or a feature the runner or the Java driver lacks) and never count as passed.\n\n");
        md.append(TOPOLOGIES);
        md.append("## Totals by topology\n\n| topology | passed | failed | skipped | pass rate |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        for (Run run : runs) {
            md.append("| ").append(run.topology()).append(" | ")
                    .append(count(run.results(), TestResult.Status.PASSED)).append(" | ")
                    .append(count(run.results(), TestResult.Status.FAILED)).append(" | ")
                    .append(count(run.results(), TestResult.Status.SKIPPED)).append(" | ")
                    .append(rate(run.results())).append(" |\n");
        }
        md.append('\n');
        securedColumn(md, runs);
        md.append(RUNNER_NOTES);
        md.append("## Summary\n\n| suite | topology | passed | failed | skipped | pass rate |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Run run : runs) {
            for (Map.Entry<String, List<TestResult>> s : bySuite(run.results()).entrySet()) {
                md.append("| ").append(s.getKey()).append(" | ").append(run.topology()).append(" | ")
                        .append(count(s.getValue(), TestResult.Status.PASSED)).append(" | ")
                        .append(count(s.getValue(), TestResult.Status.FAILED)).append(" | ")
                        .append(count(s.getValue(), TestResult.Status.SKIPPED)).append(" | ")
                        .append(rate(s.getValue())).append(" |\n");
            }
        }
        for (Run run : runs) {
            for (Map.Entry<String, List<TestResult>> s : bySuite(run.results()).entrySet()) {
                md.append("\n## ").append(s.getKey()).append(" (").append(run.topology()).append(")\n\n");
                md.append("| file | passed | failed | skipped |\n| --- | ---: | ---: | ---: |\n");
                for (Map.Entry<String, List<TestResult>> f : byFile(s.getValue()).entrySet()) {
                    md.append("| ").append(f.getKey()).append(" | ")
                            .append(count(f.getValue(), TestResult.Status.PASSED)).append(" | ")
                            .append(count(f.getValue(), TestResult.Status.FAILED)).append(" | ")
                            .append(count(f.getValue(), TestResult.Status.SKIPPED)).append(" |\n");
                }
                details(md, s.getValue(), run.topology(), expected);
            }
        }
        md.append(knownDifferences());
        return md.toString();
    }

    /**
     * The secured topologies beside the same cluster without TLS and authentication: per suite and topology, the
     * pass rate without and with, and the counts with (when the run holds both).
     */
    private static void securedColumn(StringBuilder md, List<Run> runs) {
        Map<String, Run> byTopology = new LinkedHashMap<>();
        runs.forEach(r -> byTopology.put(r.topology(), r));
        StringBuilder rows = new StringBuilder();
        for (Run run : runs) {
            Topology t = Topology.fromReportName(run.topology());
            if (!t.secured() || !byTopology.containsKey(t.unsecured().reportName())) {
                continue;
            }
            Map<String, List<TestResult>> plain = bySuite(byTopology.get(t.unsecured().reportName()).results());
            for (Map.Entry<String, List<TestResult>> s : bySuite(run.results()).entrySet()) {
                List<TestResult> without = plain.getOrDefault(s.getKey(), List.of());
                rows.append("| ").append(s.getKey()).append(" | ").append(t.unsecured().reportName()).append(" | ")
                        .append(rate(without)).append(" | ").append(rate(s.getValue())).append(" | ")
                        .append(count(s.getValue(), TestResult.Status.PASSED)).append(" / ")
                        .append(count(s.getValue(), TestResult.Status.FAILED)).append(" / ")
                        .append(count(s.getValue(), TestResult.Status.SKIPPED)).append(" |\n");
            }
        }
        if (rows.length() == 0) {
            return;
        }
        md.append("## With TLS and authentication\n\n")
                .append("The secured topologies beside the same cluster without TLS and authentication (tests that "
                        + "require `auth: true` run only with it, `auth: false` only without).\n\n")
                .append("| suite | without TLS and auth | pass rate | with TLS and auth | passed / failed / skipped with |\n"
                        + "| --- | --- | ---: | ---: | ---: |\n")
                .append(rows).append('\n');
    }

    private static void details(StringBuilder md, List<TestResult> results, String topology,
                                ExpectedFailures expected) {
        List<TestResult> failed = results.stream().filter(r -> r.status() == TestResult.Status.FAILED).toList();
        if (!failed.isEmpty()) {
            md.append("\nFailures:\n\n");
            for (TestResult r : failed) {
                String listed = expected.reason(topology, r.test());
                md.append("- `").append(r.test().key()).append("`: ").append(oneLine(r.reason()));
                if (listed != null) {
                    md.append(" (expected failure: ").append(listed).append(')');
                }
                md.append('\n');
            }
        }
        Map<String, List<String>> skips = new TreeMap<>();
        results.stream().filter(r -> r.status() == TestResult.Status.SKIPPED)
                .forEach(r -> skips.computeIfAbsent(oneLine(r.reason()), k -> new ArrayList<>()).add(r.test().key()));
        if (!skips.isEmpty()) {
            md.append("\nSkipped, by reason:\n\n");
            for (Map.Entry<String, List<String>> e : skips.entrySet()) {
                md.append("- ").append(e.getKey()).append(" (").append(e.getValue().size()).append("): ");
                md.append(String.join("; ", e.getValue().stream().map(k -> "`" + k + "`").toList())).append('\n');
            }
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\n', ' ').replace('|', '/');
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static long count(List<TestResult> results, TestResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static Map<String, List<TestResult>> bySuite(List<TestResult> results) {
        Map<String, List<TestResult>> m = new LinkedHashMap<>();
        results.forEach(r -> m.computeIfAbsent(r.test().file().suite(), k -> new ArrayList<>()).add(r));
        return m;
    }

    private static Map<String, List<TestResult>> byFile(List<TestResult> results) {
        Map<String, List<TestResult>> m = new LinkedHashMap<>();
        results.forEach(r -> m.computeIfAbsent(r.test().file().name(), k -> new ArrayList<>()).add(r));
        return m;
    }

    /** The hand-kept list of remaining differences from MongoDB (a test resource), printed after the results. */
    static String knownDifferences() {
        try (java.io.InputStream in = SpecReport.class.getResourceAsStream(KNOWN_DIFFERENCES)) {
            return in == null ? "" : "\n" + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
