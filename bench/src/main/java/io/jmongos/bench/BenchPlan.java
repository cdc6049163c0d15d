package io.jmongos.bench;

import java.util.List;

import io.jmongos.bench.load.LoadRunner;

/**
 * Sizes and durations of a run: the full set (under 20 minutes on 2 cores), or --quick (reduced, under 3
 * minutes), with overrides from the command line.
 */
record BenchPlan(List<Integer> threads, int rounds, LoadRunner.Timing timing, LoadRunner.Timing clientWarmPass,
                 long jitWarmupMinMillis, long jitWarmupMaxMillis, LoadRunner.Timing pingProbeTiming, int items,
                 List<Integer> idleSteps, int cleanupClients, int indexDocs, long indexLoadDeadlineMillis) {
    /** Per-thread bound on a loop, far above what a few seconds allow, so time is what ends a load. */
    static final long MAX_OPS_PER_THREAD = 50_000_000;
    /** Measured rounds per load: the median of 3 ignores one disturbed round (odd, so the median is a round). */
    static final int DEFAULT_ROUNDS = 3;
    /** Full set: per window an unmeasured warm-up (threads and pool ramp up), then the measured window. */
    static final long WINDOW_WARMUP_MILLIS = 500;
    static final long WINDOW_MEASURE_MILLIS = 2000;
    /** --quick: shorter windows so the reduced set fits its budget. */
    static final long QUICK_WINDOW_WARMUP_MILLIS = 200;
    static final long QUICK_WINDOW_MEASURE_MILLIS = 600;
    /** Target JIT warm-up: at least this long (a cold compiler can look quiet between two bursts). */
    static final long JIT_WARMUP_MIN_MILLIS = 5_000;
    /**
     * Target JIT warm-up: no new burst starts after this long, settled or not (a cycle of every scenario on
     * every target takes about 8 s in the full set; a cold jmongos needs several to settle).
     */
    static final long JIT_WARMUP_MAX_MILLIS = 45_000;
    static final long QUICK_JIT_WARMUP_MIN_MILLIS = 3_000;
    static final long QUICK_JIT_WARMUP_MAX_MILLIS = 15_000;

    static BenchPlan of(BenchOptions o) {
        boolean q = o.quick;
        List<Integer> threads = o.threads != null ? o.threads : q ? List.of(1, 64) : List.of(1, 8, 64);
        int rounds = o.rounds != null ? o.rounds : DEFAULT_ROUNDS;
        long warm = o.warmupMillis != null ? o.warmupMillis : q ? QUICK_WINDOW_WARMUP_MILLIS : WINDOW_WARMUP_MILLIS;
        long measure = o.measureMillis != null ? o.measureMillis
                : q ? QUICK_WINDOW_MEASURE_MILLIS : WINDOW_MEASURE_MILLIS;
        LoadRunner.Timing timing = new LoadRunner.Timing(warm, measure, MAX_OPS_PER_THREAD);
        LoadRunner.Timing clientWarmPass = new LoadRunner.Timing(0, q ? 800 : 2500, MAX_OPS_PER_THREAD);
        long jitMax = o.jitWarmupMaxMillis != null ? o.jitWarmupMaxMillis
                : q ? QUICK_JIT_WARMUP_MAX_MILLIS : JIT_WARMUP_MAX_MILLIS;
        long jitMin = Math.min(jitMax, q ? QUICK_JIT_WARMUP_MIN_MILLIS : JIT_WARMUP_MIN_MILLIS);
        LoadRunner.Timing probe = new LoadRunner.Timing(q ? 400 : 1000, q ? 1200 : 4000, MAX_OPS_PER_THREAD);
        int items = o.items != null ? o.items : q ? 10_000 : 100_000;
        List<Integer> idle = o.idleSteps != null ? o.idleSteps : q ? List.of(1000, 2000) : List.of(10_000, 20_000);
        int cleanup = o.cleanupClients != null ? o.cleanupClients : q ? 100 : 1000;
        int index = o.indexDocs != null ? o.indexDocs : q ? 50_000 : 1_000_000;
        return new BenchPlan(threads, rounds, timing, clientWarmPass, jitMin, jitMax, probe, items, idle, cleanup,
                index, q ? 60_000 : 480_000);
    }
}
