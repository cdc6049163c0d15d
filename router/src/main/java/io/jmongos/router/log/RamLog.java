package io.jmongos.router.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small ring buffer of recent formatted log lines, as MongoDB's RamLog behind {@code getLog}.
 * The server's logging setup feeds it; {@code getLog: "global"} reads it. One per process.
 */
public final class RamLog {
    /** MongoDB's global RamLog keeps the last 1024 lines (RamLog::kMaxLines). */
    public static final int MAX_LINES = 1024;
    /** Lines longer than this are cut (MongoDB caps a RamLog line at 10 KiB: RamLog::kMaxSizeBytes/lines). */
    public static final int MAX_LINE_CHARS = 10 * 1024;

    private static final RamLog GLOBAL = new RamLog();
    private static final RamLog STARTUP_WARNINGS = new RamLog();

    private final Deque<String> lines = new ArrayDeque<>();
    private long totalLinesWritten;

    public static RamLog global() {
        return GLOBAL;
    }

    public static RamLog startupWarnings() {
        return STARTUP_WARNINGS;
    }

    public synchronized void append(String line) {
        String l = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        lines.addLast(l);
        totalLinesWritten++;
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    public synchronized long totalLinesWritten() {
        return totalLinesWritten;
    }
}
