package io.jmongos.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hot frames of an async-profiler collapsed-stacks file ({@code thread;frame;...;leaf count} per line, root
 * first, with the thread as the first frame when recorded with {@code threads}): samples per thread, top
 * frames by self samples (leaf) and by total samples (anywhere on the stack, once per stack), and the
 * io.jmongos frames by total. {@code CollapsedHotFrames file [top]}.
 */
public final class CollapsedHotFrames {
    static final int DEFAULT_TOP = 30;

    private CollapsedHotFrames() {
    }

    public static void main(String[] args) throws IOException {
        summarize(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8),
                args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_TOP, System.out);
    }

    /** Write the summary of {@code collapsed} to {@code out} (a file). */
    public static void summarize(Path collapsed, Path out) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            ps.println("profile " + collapsed);
            summarize(Files.readAllLines(collapsed, StandardCharsets.UTF_8), DEFAULT_TOP, ps);
        }
    }

    static void summarize(List<String> lines, int top, PrintStream out) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> jmongos = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long n;
            try {
                n = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String[] frames = line.substring(0, space).split(";");
            int first = 0;
            if (frames[0].startsWith("[") && frames[0].endsWith("]")) {
                threads.merge(threadName(frames[0]), n, Long::sum);
                first = 1;
            }
            if (first >= frames.length) {
                continue;
            }
            samples += n;
            self.merge(name(frames[frames.length - 1]), n, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = first; i < frames.length; i++) {
                String f = name(frames[i]);
                if (seen.add(f)) {
                    total.merge(f, n, Long::sum);
                    if (f.startsWith("io.jmongos.")) {
                        jmongos.merge(f, n, Long::sum);
                    }
                }
            }
        }
        out.println(samples + " CPU samples");
        print(out, "threads (samples)", threads, samples, top);
        print(out, "self (leaf frame)", self, samples, top);
        print(out, "total (on stack)", total, samples, top);
        print(out, "io.jmongos methods, total", jmongos, samples, top);
    }

    /** "[jmongos-io-3-1 tid=123]" to "jmongos-io-3-N": threads of one pool add up. */
    static String threadName(String frame) {
        String t = frame.substring(1, frame.length() - 1).replaceAll(" tid=\\d+$", "");
        return t.replaceAll("-\\d+$", "-N");
    }

    /** Java frames come as {@code java/lang/Thread.run}: dots, like JFR's names. */
    static String name(String frame) {
        return frame.indexOf('/') > 0 && !frame.startsWith("/") ? frame.replace('/', '.') : frame;
    }

    private static void print(PrintStream out, String title, Map<String, Long> counts, long samples, int top) {
        out.println();
        out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf("%6.1f%%  %8d  %s%n", 100.0 * e.getValue() / Math.max(1, samples),
                        e.getValue(), e.getKey()));
    }
}
