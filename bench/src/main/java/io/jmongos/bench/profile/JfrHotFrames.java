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
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Hot frames of a JFR recording's execution samples: the top methods by self samples (top of stack) and by
 * total samples (anywhere on the stack, once per sample), optionally only methods of a package prefix.
 * {@code JfrHotFrames file.jfr [top] [prefix]}; with --jfr, bench/run writes {@code <target>-hot.txt} per recording.
 */
public final class JfrHotFrames {
    static final int DEFAULT_TOP = 30;

    private JfrHotFrames() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_TOP;
        summarize(Path.of(args[0]), top, System.out);
    }

    /** Write {@code <name>-hot.txt} next to every .jfr file of the run folder. */
    public static void summarizeAll(Path runDir) throws IOException {
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path jfr : files.filter(p -> p.toString().endsWith(".jfr")).toList()) {
                Path out = runDir.resolve(jfr.getFileName().toString().replace(".jfr", "-hot.txt"));
                try (PrintStream ps = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
                    summarize(jfr, DEFAULT_TOP, ps);
                }
                System.out.println("bench: hot frames of " + jfr + " in " + out);
            }
        }
    }

    static void summarize(Path jfr, int top, PrintStream out) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> jmongosTotal = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!"jdk.ExecutionSample".equals(e.getEventType().getName())) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            String thread = e.getThread("sampledThread") == null ? "?"
                    : e.getThread("sampledThread").getJavaName().replaceAll("-\\d+$", "-N");
            threads.merge(thread, 1, Integer::sum);
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                    if (n.startsWith("io.jmongos.")) {
                        jmongosTotal.merge(n, 1, Integer::sum);
                    }
                }
            }
        }
        out.println("recording " + jfr + ": " + samples + " execution samples");
        print(out, "threads (samples)", threads, samples, top);
        print(out, "self (top of stack)", self, samples, top);
        print(out, "total (on stack)", total, samples, top);
        print(out, "io.jmongos methods, total", jmongosTotal, samples, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(PrintStream out, String title, Map<String, Integer> counts, int samples, int top) {
        out.println();
        out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf("%6.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, samples),
                        e.getValue(), e.getKey()));
    }
}
