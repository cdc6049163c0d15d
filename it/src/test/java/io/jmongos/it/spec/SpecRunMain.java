package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code it/spec-run DIR... [--report FILE] [--topology sharded|load-balanced|both] [--failures-out FILE]}:
 * runs spec files (folders or single .json files) against jmongos it starts itself, prints a line per
 * failed test and ends with {@code N passed, N failed, N skipped}; with {@code --report} writes the
 * markdown report; with {@code --failures-out} writes every failure as a line of the expected-failures
 * list format (to review and paste into it/src/test/resources/io/jmongos/it/spec/expected-failures.txt).
 * Exit status 0 when every failure is on the expected-failures list, 1 otherwise, 2 on bad usage.
 */
public final class SpecRunMain {
    private SpecRunMain() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> inputs = new ArrayList<>();
        Path report = null;
        Path failuresOut = null;
        String topology = "both";
        String command = System.getProperty("spec.run.command", "it/spec-run " + String.join(" ", args));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--report" -> report = Path.of(value(args, ++i, "--report"));
                case "--topology" -> topology = value(args, ++i, "--topology");
                case "--failures-out" -> failuresOut = Path.of(value(args, ++i, "--failures-out"));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty() || !List.of("sharded", "load-balanced", "both").contains(topology)) {
            usage("give at least one spec folder or file; --topology is sharded, load-balanced or both");
        }
        List<Topology> topologies = topology.equals("both") ? List.of(Topology.SHARDED, Topology.LOAD_BALANCED)
                : List.of(Topology.fromSpecName(topology));
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
        if (topologies.contains(Topology.LOAD_BALANCED) && !SpecCluster.haproxyInstalled()) {
            usage("the load-balanced topology needs HAProxy (apt-get install haproxy); or use --topology sharded");
        }
        try (SpecCluster cluster = SpecCluster.start(topologies.contains(Topology.LOAD_BALANCED))) {
            for (Topology t : topologies) {
                try (SpecEnvironment env = new SpecEnvironment(cluster.target(t))) {
                    List<TestResult> results = new SuiteRunner(env).run(files, r -> {
                        if (r.status() == TestResult.Status.FAILED) {
                            String listed = expected.reason(t.specName(), r.test());
                            System.out.println("FAILED [" + t.specName() + "] " + r.test().file().suite() + "/"
                                    + r.test().key() + (listed != null ? " (expected)" : "") + ": "
                                    + firstLine(r.reason()));
                        }
                    });
                    for (TestResult r : results) {
                        if (r.status() == TestResult.Status.FAILED && expected.reason(t.specName(), r.test()) == null) {
                            unexpected++;
                        }
                    }
                    System.out.println(SpecReport.summaryLine("[" + t.specName() + "]", results));
                    runs.add(new SpecReport.Run(t.specName(), results));
                    all.addAll(results);
                }
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
        System.err.println("usage: it/spec-run DIR... [--report FILE] [--topology sharded|load-balanced|both]"
                + " [--failures-out FILE]");
        System.exit(2);
    }
}
