package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code it/spec-run DIR... [--report FILE] [--topology T] [--failures-out FILE]}:
 * runs spec files (folders or single .json files) against jmongos it starts itself (per topology, see
 * {@link Topology}; {@code --topology} defaults to all six; the two secured ones run only the suites of
 * {@link Topology#SECURED_SUITES}), prints a line per
 * failed test and ends with {@code N passed, N failed, N skipped}; with {@code --report} writes the
 * markdown report; with {@code --failures-out} writes every failure as a line of the expected-failures
 * list format (to review and paste into it/src/test/resources/io/jmongos/it/spec/expected-failures.txt).
 * Exit status 0 when every failure is on the expected-failures list, 1 otherwise, 2 on bad usage.
 */
public final class SpecRunMain {
    /**
     * The values of --topology: one topology by its report name, {@code both} (the two over the embedded store),
     * {@code cluster} (the two over remote shard servers), {@code secured} (the two over the secured cluster) or
     * {@code all} (the default).
     */
    private static final String TOPOLOGY_CHOICES = "sharded|load-balanced|cluster-sharded|cluster-load-balanced|"
            + "secured-sharded|secured-load-balanced|both|cluster|secured|all";

    private SpecRunMain() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> inputs = new ArrayList<>();
        Path report = null;
        Path failuresOut = null;
        String topology = "all";
        String command = System.getProperty("spec.run.command", "it/spec-run " + String.join(" ", args));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--report" -> report = Path.of(value(args, ++i, "--report"));
                case "--topology" -> topology = value(args, ++i, "--topology");
                case "--failures-out" -> failuresOut = Path.of(value(args, ++i, "--failures-out"));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        List<Topology> topologies = topologies(topology);
        if (inputs.isEmpty() || topologies == null) {
            usage("give at least one spec folder or file; --topology is " + TOPOLOGY_CHOICES);
        }
        List<SpecFile> files = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                usage("no such file or folder: " + in);
            }
            files.addAll(SuiteRunner.files(in));
        }
        ExpectedFailures expected = ExpectedFailures.load();
        List<SpecReport.Run> runs = new ArrayList<>();
        List<TestResult> all = new ArrayList<>();
        int unexpected = 0;
        if (topologies.stream().anyMatch(Topology::loadBalanced) && !SpecCluster.haproxyInstalled()) {
            usage("the load-balanced topologies need HAProxy (apt-get install haproxy); or use --topology sharded");
        }
        for (Topology t : topologies) {
            // a fresh cluster per topology: two routers over one embedded store, or the remote cluster
            List<SpecFile> runnable = files.stream().filter(f -> t.runs(f.suite())).toList();
            if (runnable.isEmpty()) {
                continue;
            }
            try (SpecCluster cluster = t.remoteShards() ? SpecCluster.startRemote(t.loadBalanced(), t.secured())
                    : SpecCluster.startEmbedded(t.loadBalanced());
                 SpecEnvironment env = new SpecEnvironment(cluster.target(t))) {
                List<TestResult> results = new SuiteRunner(env).run(runnable, r -> {
                    if (r.status() == TestResult.Status.FAILED) {
                        String listed = expected.reason(t.reportName(), r.test());
                        System.out.println("FAILED [" + t.reportName() + "] " + r.test().file().suite() + "/"
                                + r.test().key() + (listed != null ? " (expected)" : "") + ": "
                                + firstLine(r.reason()));
                    }
                });
                for (TestResult r : results) {
                    if (r.status() == TestResult.Status.FAILED && expected.reason(t.reportName(), r.test()) == null) {
                        unexpected++;
                    }
                }
                System.out.println(SpecReport.summaryLine("[" + t.reportName() + "]", results));
                runs.add(new SpecReport.Run(t.reportName(), results));
                all.addAll(results);
            }
        }
        if (report != null) {
            if (report.getParent() != null) {
                Files.createDirectories(report.getParent());
            }
            Files.writeString(report, SpecReport.markdown(runs, command, expected), StandardCharsets.UTF_8);
        }
        if (failuresOut != null) {
            List<String> lines = new ArrayList<>();
            for (SpecReport.Run run : runs) {
                run.results().stream().filter(r -> r.status() == TestResult.Status.FAILED)
                        .forEach(r -> lines.add(ExpectedFailures.line(run.topology(), r.test(), r.reason())));
            }
            Files.write(failuresOut, lines, StandardCharsets.UTF_8);
        }
        System.out.println(SpecReport.counts(all));
        System.exit(unexpected == 0 ? 0 : 1);
    }

    /** The topologies named by {@code --topology}, or null for an unknown name. */
    private static List<Topology> topologies(String name) {
        return switch (name) {
            case "all" -> List.of(Topology.values());
            case "both" -> List.of(Topology.SHARDED, Topology.LOAD_BALANCED);
            case "cluster" -> List.of(Topology.CLUSTER_SHARDED, Topology.CLUSTER_LOAD_BALANCED);
            case "secured" -> List.of(Topology.SECURED_SHARDED, Topology.SECURED_LOAD_BALANCED);
            default -> {
                try {
                    yield List.of(Topology.fromReportName(name));
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.replace('\n', ' ');
        return t.length() > 240 ? t.substring(0, 240) + "..." : t;
    }

    private static void usage(String problem) {
        System.err.println("spec-run: " + problem);
        System.err.println("usage: it/spec-run DIR... [--report FILE] [--topology " + TOPOLOGY_CHOICES + "]"
                + " [--failures-out FILE]");
        System.exit(2);
    }
}
