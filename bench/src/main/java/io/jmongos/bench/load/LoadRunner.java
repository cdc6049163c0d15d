package io.jmongos.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.jmongos.bench.stats.LatencyHistogram;
import io.jmongos.bench.stats.LoadResult;

/**
 * Runs an operation on N threads: a warm-up, then a fixed measured window. An operation is measured when it
 * starts inside the window. Every loop is bounded in time and in count, and a thread gives up after a run of
 * consecutive errors (a dead target must not spin the machine).
 */
public final class LoadRunner {
    /** A thread stops after this many errors in a row. */
    static final int MAX_CONSECUTIVE_ERRORS = 1000;
    /** How long after the window a straggling thread may take (one request timeout plus slack). */
    static final long JOIN_GRACE_MILLIS = 150_000;

    /** Durations of a load; {@code maxOpsPerThread} bounds each thread's loop independently of time. */
    public record Timing(long warmupMillis, long measureMillis, long maxOpsPerThread) {
    }

    /** One measured window: its figures and its latency histogram (to merge windows of several rounds). */
    public record Window(LoadResult result, LatencyHistogram histogram) {
    }

    private LoadRunner() {
    }

    public static LoadResult run(String scenario, String target, int threads, Timing timing, Operation op)
            throws InterruptedException {
        return measure(scenario, target, threads, timing, op).result();
    }

    /** Like {@link #run}, also returning the histogram of the measured window. */
    public static Window measure(String scenario, String target, int threads, Timing timing, Operation op)
            throws InterruptedException {
        return measure(scenario, target, threads, timing, op, () -> { });
    }

    /**
     * Like {@link #measure(String, String, int, Timing, Operation)}; {@code atMeasureStart} runs on the calling
     * thread once the warm-up is over and the measured part has begun (to read the processes' CPU time).
     */
    public static Window measure(String scenario, String target, int threads, Timing timing, Operation op,
                                 Runnable atMeasureStart) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        LatencyHistogram[] histograms = new LatencyHistogram[threads];
        AtomicLong errors = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            histograms[t] = new LatencyHistogram();
            Thread w = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                loop(index, op, timing, window[0], window[1], histograms[index], errors, firstError, lastEnd);
            }, "bench-load-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + TimeUnit.MILLISECONDS.toNanos(timing.warmupMillis());
        window[1] = window[0] + TimeUnit.MILLISECONDS.toNanos(timing.measureMillis());
        go.countDown();
        for (long left = window[0] - System.nanoTime(); left > 0; left = window[0] - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        atMeasureStart.run();
        long joinDeadline = window[1] + TimeUnit.MILLISECONDS.toNanos(JOIN_GRACE_MILLIS);
        for (Thread w : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
            w.join(Math.max(1, left));
            if (w.isAlive()) {
                w.interrupt();
                firstError.compareAndSet(null, "load thread " + w.getName() + " still running after the window");
            }
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : histograms) {
            all.add(h);
        }
        long end = Math.max(window[1], lastEnd.get());
        double seconds = (end - window[0]) / 1e9;
        return new Window(LoadResult.of(scenario, target, threads, all, errors.get(), seconds, firstError.get()), all);
    }

    private static void loop(int thread, Operation op, Timing timing, long measureStart, long measureEnd,
                             LatencyHistogram histogram, AtomicLong errors, AtomicReference<String> firstError,
                             AtomicLong lastEnd) {
        int consecutiveErrors = 0;
        long finished = 0;
        for (long seq = 0; seq < timing.maxOpsPerThread(); seq++) {
            long t0 = System.nanoTime();
            if (t0 >= measureEnd || Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                op.run(thread, seq);
                long t1 = System.nanoTime();
                if (t0 >= measureStart) {
                    histogram.record(t1 - t0);
                    finished = t1;
                }
                consecutiveErrors = 0;
            } catch (Exception e) {
                if (t0 >= measureStart) {
                    errors.incrementAndGet();
                }
                firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                    break;
                }
            }
        }
        long done = finished;
        lastEnd.accumulateAndGet(done, Math::max);
    }
}
