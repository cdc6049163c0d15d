package io.jmongos.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the benchmark reads about a target process: /proc status and limits, and the JVM heap via jcmd. */
public final class ProcessStats {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** jcmd is quick; a stuck target must not stall the benchmark. */
    static final long JCMD_TIMEOUT_SECONDS = 30;

    private ProcessStats() {
    }

    /** VmRSS of {@code pid} in KiB, -1 when unreadable. */
    public static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** VmHWM (peak resident) of {@code pid} in KiB, -1 when unreadable. */
    public static long peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Number of threads of {@code pid}, -1 when unreadable. */
    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Open file descriptors of {@code pid}, -1 when unreadable. */
    public static long openFds(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The soft RLIMIT_NOFILE of {@code pid}, -1 when unreadable. */
    public static long maxOpenFiles(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Run a full GC in the target JVM, then return its used heap in KiB (-1 when jcmd fails). */
    public static long heapUsedAfterGcKib(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The JVM flags a target runs with, as jcmd VM.flags prints them ("" when jcmd fails). */
    public static String vmFlags(long pid) {
        String out = jcmd(pid, "VM.flags");
        int colon = out.indexOf(":\n");
        return (colon >= 0 ? out.substring(colon + 2) : out).trim();
    }

    /** Output of {@code jcmd <pid> <command>} ("" when it fails or times out). */
    public static String jcmd(long pid, String command) {
        Path out = null;
        try {
            out = Files.createTempFile("bench-jcmd", ".txt");
            Process p = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
