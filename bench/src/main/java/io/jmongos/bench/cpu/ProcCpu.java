package io.jmongos.bench.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process from /proc/PID/stat: utime + stime (fields 14 and 15, see proc(5)), in clock ticks.
 * The second field (comm) is the executable name in parentheses and may itself hold spaces and parentheses, so
 * the fields are counted from the last ')'.
 */
public final class ProcCpu {
    /** Fields after the last ')': state is the first (field 3 of proc(5)), so utime (field 14) is the 12th. */
    static final int UTIME_AFTER_COMM = 11;
    /** stime, field 15 of proc(5). */
    static final int STIME_AFTER_COMM = 12;
    /** getconf answers at once; a stuck one must not stall the benchmark. */
    static final long GETCONF_TIMEOUT_SECONDS = 10;
    /** Clock ticks per second of utime/stime (getconf CLK_TCK, normally 100), read once; -1 when unknown. */
    public static final long TICKS_PER_SECOND = readTicksPerSecond();

    private ProcCpu() {
    }

    /** utime + stime of a /proc/PID/stat line, in clock ticks; -1 when the line is not one. */
    public static long ticksOfStatLine(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length <= STIME_AFTER_COMM) {
            return -1;
        }
        try {
            long utime = Long.parseLong(f[UTIME_AFTER_COMM]);
            long stime = Long.parseLong(f[STIME_AFTER_COMM]);
            return utime < 0 || stime < 0 ? -1 : utime + stime;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** CPU ticks used so far by process {@code pid}; -1 when /proc cannot tell. */
    public static long ticks(long pid) {
        return ticksOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** CPU ticks used so far by this JVM (the load generator), from /proc/self/stat; -1 when unreadable. */
    public static long selfTicks() {
        return ticksOf(Path.of("/proc", "self", "stat"));
    }

    static long ticksOf(Path stat) {
        try {
            return ticksOfStatLine(Files.readString(stat, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long readTicksPerSecond() {
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            if (!p.waitFor(GETCONF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            long v = p.exitValue() == 0 ? Long.parseLong(out) : -1;
            return v > 0 ? v : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
