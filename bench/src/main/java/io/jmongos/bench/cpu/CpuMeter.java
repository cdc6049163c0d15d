package io.jmongos.bench.cpu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the CPU ticks of a target's processes and of the load generator at the start of a measured window
 * ({@link #start}) and at its end ({@link #stop}).
 */
public final class CpuMeter {
    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private long generatorStart = -1;
    private CpuUse used;

    /** {@code pids}: process name to pid, in report order. */
    public CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    /** Ticks now (call when the measured part begins). */
    public void start() {
        pids.forEach((name, pid) -> startTicks.put(name, ProcCpu.ticks(pid)));
        generatorStart = ProcCpu.selfTicks();
    }

    /** Ticks used since {@link #start} over {@code ops} operations (-1 for a process /proc could not tell). */
    public CpuUse stop(long ops) {
        long generatorEnd = ProcCpu.selfTicks();
        Map<String, Long> used = new LinkedHashMap<>();
        pids.forEach((name, pid) -> used.put(name, delta(startTicks.getOrDefault(name, -1L), ProcCpu.ticks(pid))));
        this.used = new CpuUse(used, delta(generatorStart, generatorEnd), ops, ProcCpu.TICKS_PER_SECOND);
        return this.used;
    }

    /** What the last {@link #stop} measured. */
    public CpuUse used() {
        if (used == null) {
            throw new IllegalStateException("the meter was not stopped");
        }
        return used;
    }

    static long delta(long before, long after) {
        return before < 0 || after < before ? -1 : after - before;
    }
}
