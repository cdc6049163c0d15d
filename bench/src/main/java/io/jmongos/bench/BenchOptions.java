package io.jmongos.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jmongos.bench.target.TargetKind;

/** The load generator's command line (bench/run passes its own options through). */
public final class BenchOptions {
    /** Load scenarios plus the jmongos-only scale scenarios. */
    public static final List<String> SCENARIOS = List.of("ping", "insert", "findOne", "find100", "update", "txn",
            "mixed", "connect", "connectAuth", "idle", "idleTls", "cleanup", "index");
    static final List<String> QUICK_SCENARIOS = List.of("ping", "insert", "findOne", "connect", "connectAuth", "idle",
            "idleTls", "cleanup", "index");

    /** More rounds than this would not fit any time budget; a typo, not a plan. */
    static final int MAX_ROUNDS = 15;

    boolean quick;
    Set<String> only;
    List<TargetKind> targets = TargetKind.all();
    Path resultsDir = Path.of("bench", "results");
    Path doc = Path.of("docs", "PERFORMANCE.md");
    boolean updateDoc = true;
    Path jmongosJar;
    boolean jfr;
    boolean profile;
    List<Integer> threads;
    Long warmupMillis;
    Long measureMillis;
    Integer rounds;
    Long jitWarmupMaxMillis;
    Integer items;
    List<Integer> idleSteps;
    Integer cleanupClients;
    Integer indexDocs;
    String command = "bench/run";
    Path runDir;

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--jfr" -> o.jfr = true;
                case "--profile" -> o.profile = true;
                case "--no-doc" -> o.updateDoc = false;
                case "--only" -> o.only = scenarios(args[++i]);
                case "--targets" -> o.targets = targets(args[++i]);
                case "--results-dir" -> o.resultsDir = Path.of(args[++i]);
                case "--doc" -> o.doc = Path.of(args[++i]);
                case "--jmongos-jar" -> {
                    String v = args[++i];
                    o.jmongosJar = v.isEmpty() ? null : Path.of(v);
                }
                case "--threads" -> o.threads = ints(args[++i]);
                case "--warmup-ms" -> o.warmupMillis = Long.parseLong(args[++i]);
                case "--measure-ms" -> o.measureMillis = Long.parseLong(args[++i]);
                case "--rounds" -> o.rounds = bounded("--rounds", Integer.parseInt(args[++i]), 1, MAX_ROUNDS);
                case "--jit-warmup-max-ms" -> o.jitWarmupMaxMillis = Long.parseLong(args[++i]);
                case "--items" -> o.items = Integer.parseInt(args[++i]);
                case "--idle-steps" -> o.idleSteps = ints(args[++i]);
                case "--cleanup-clients" -> o.cleanupClients = Integer.parseInt(args[++i]);
                case "--index-docs" -> o.indexDocs = Integer.parseInt(args[++i]);
                case "--command" -> o.command = args[++i];
                case "--run-dir" -> o.runDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        return o;
    }

    static String usage() {
        return "options: [--quick] [--only " + String.join(",", SCENARIOS) + "] [--targets "
                + TargetKind.ids(TargetKind.all()) + "] [--jfr] [--profile] [--no-doc] [--threads 1,8,64]"
                + " [--warmup-ms N] [--measure-ms N] [--rounds N] [--jit-warmup-max-ms N] [--items N]"
                + " [--idle-steps 10000,20000] [--cleanup-clients N] [--index-docs N]"
                + " [--results-dir DIR] [--doc FILE] [--jmongos-jar FILE]";
    }

    private static int bounded(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    private static Set<String> scenarios(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            String name = s.trim();
            if (!SCENARIOS.contains(name)) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; scenarios: " + SCENARIOS);
            }
            out.add(name);
        }
        return out;
    }

    private static List<TargetKind> targets(String csv) {
        List<TargetKind> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            TargetKind k = TargetKind.byId(s.trim());
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** Whether scenario {@code name} runs: named by --only, or in the default set of the mode. */
    boolean runs(String name) {
        if (only != null) {
            return only.contains(name);
        }
        return quick ? QUICK_SCENARIOS.contains(name) : SCENARIOS.contains(name);
    }
}
