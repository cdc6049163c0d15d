package io.jmongos.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (a target JVM, HAProxy, an idle-connection holder). Output goes to a log
 * file; every live child is registered so a shutdown hook (Ctrl-C, failure) stops it, and its pid is appended
 * to {@code pids} in the run folder so bench/run's trap can stop it even if this JVM dies.
 */
public final class ChildProcess implements AutoCloseable {
    /** How long a child gets to exit after SIGTERM before SIGKILL. */
    static final long STOP_GRACE_SECONDS = 10;
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile Path pidFile;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAll, "bench-children-stop"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;

    private ChildProcess(String name, Process process, Path log, List<String> command) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** Where child pids are appended (one per line) for bench/run's trap. */
    public static void pidFile(Path file) {
        pidFile = file;
    }

    /** Start {@code command} with stdout and stderr appended to {@code log}; stdin is a pipe. */
    public static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        ChildProcess child = new ChildProcess(name, p, log, List.copyOf(command));
        LIVE.add(child);
        Path pids = pidFile;
        if (pids != null) {
            Files.writeString(pids, p.pid() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return child;
    }

    /** Wait until 127.0.0.1:{@code port} accepts connections, failing if the process exits first. */
    public void awaitPort(int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before listening on "
                        + port + "; last output: " + tail(20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException(name + " did not listen on " + port + " within " + timeoutMillis + " ms; last output: "
                + tail(20));
    }

    /**
     * Wait for a line of the child's output starting with {@code prefix} and return it; fails when the child
     * exits or the time is up.
     */
    public String awaitLine(String prefix, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited (code " + process.exitValue() + ") without printing " + prefix
                        + "; last output: " + tail(20));
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not print " + prefix + " within " + timeoutMillis + " ms");
    }

    /** Write one line to the child's stdin. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Wait up to {@code millis} for the child to exit; true when it has. */
    public boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** The last {@code lines} lines of the child's output. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, wait, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        LIVE.remove(this);
        stop(process);
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stop every live child (shutdown hook). */
    static void stopAll() {
        List<ChildProcess> all = new ArrayList<>(LIVE);
        LIVE.clear();
        all.forEach(c -> c.process.destroy());
        all.forEach(c -> stop(c.process));
    }
}
