package io.jmongos.bench;

import java.util.List;

import io.jmongos.bench.load.LoadRunner;

/** Sizes and durations of a run: the full set, or --quick (reduced, under 3 minutes), with overrides. */
record BenchPlan(List<Integer> threads, LoadRunner.Timing timing, LoadRunner.Timing warmPass,
                 LoadRunner.Timing pingProbeTiming, int items,
                 List<Integer> idleSteps, int cleanupClients, int indexDocs, long indexLoadDeadlineMillis) {
    /** Per-thread bound on a loop, far above what a few seconds allow, so time is what ends a load. */
    static final long MAX_OPS_PER_THREAD = 50_000_000;

    static BenchPlan of(BenchOptions o) {
        boolean q = o.quick;
        List<Integer> threads = o.threads != null ? o.threads : q ? List.of(1, 64) : List.of(1, 8, 64);
        long warm = o.warmupMillis != null ? o.warmupMillis : q ? 400 : 1500;
        long measure = o.measureMillis != null ? o.measureMillis : q ? 1200 : 4000;
        LoadRunner.Timing timing = new LoadRunner.Timing(warm, measure, MAX_OPS_PER_THREAD);
        LoadRunner.Timing warmPass = new LoadRunner.Timing(0, q ? 800 : 2500, MAX_OPS_PER_THREAD);
        LoadRunner.Timing probe = new LoadRunner.Timing(q ? 400 : 1000, q ? 1200 : 4000, MAX_OPS_PER_THREAD);
        int items = o.items != null ? o.items : q ? 10_000 : 100_000;
        List<Integer> idle = o.idleSteps != null ? o.idleSteps : q ? List.of(1000, 2000) : List.of(10_000, 20_000);
        int cleanup = o.cleanupClients != null ? o.cleanupClients : q ? 100 : 1000;
        int index = o.indexDocs != null ? o.indexDocs : q ? 50_000 : 1_000_000;
        return new BenchPlan(threads, timing, warmPass, probe, items, idle, cleanup, index, q ? 60_000 : 480_000);
    }
}
