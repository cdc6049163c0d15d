package io.jmongos.it.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Assumptions;

import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;

/**
 * One jmongos as its own JVM ({@code java -jar jmongos.jar ARGS}) on a loopback port chosen by the caller, its
 * stdout and stderr appended to one log file. Ready once its main port answers {@code ping}; stopped with SIGTERM
 * and, after {@link #STOP_TIMEOUT}, SIGKILL; {@link #kill()} is SIGKILL at once (a crash), {@link #restart()} starts
 * the same command again (same port, same --dbpath). A shutdown hook SIGKILLs it if the test JVM exits first.
 */
final class JmongosProcess implements AutoCloseable {
    /** How long one process may take to answer ping: generous, 2 shared cores start six JVMs at once. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long a SIGTERMed process may take to drain and exit before SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /**
     * JVM options of every process: a small heap, the serial collector and C1 only, so that six JVMs on two cores
     * start fast and leave CPU to the test (throughput is not measured here; docs/PERFORMANCE.md is).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");
    /** Bounds of one readiness probe (a process that is starting refuses or does not answer yet). */
    private static final WireClientOptions PROBE = WireClientOptions.defaults()
            .withConnectTimeout(Duration.ofSeconds(1)).withRequestTimeout(Duration.ofSeconds(5));

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private final Thread killOnExit;
    private volatile Process process;

    private JmongosProcess(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
        this.killOnExit = new Thread(this::killNow, name + "-killer");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The runnable jar the build made ({@code jmongos.jar} system property); skips the test when it is missing. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("jmongos.jar", "../server/target/jmongos.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(jar),
                "runnable jar not built (" + jar + "): run mvn verify, or mvn -pl server -am package first");
        return jar.toAbsolutePath();
    }

    /** The java launcher of the test JVM, used for every child. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Launch {@code java -jar jmongos.jar --port PORT --bind_ip 127.0.0.1 ARGS}, logging to {@code dir/NAME.log};
     * returns at once (see {@link #awaitReady()}).
     */
    static JmongosProcess launch(String name, Path dir, int port, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", jar().toString(), "--port", String.valueOf(port), "--bind_ip", "127.0.0.1"));
        cmd.addAll(args);
        JmongosProcess p = new JmongosProcess(name, port, List.copyOf(cmd), dir.resolve(name + ".log"));
        p.begin();
        return p;
    }

    private void begin() {
        try {
            Files.writeString(log, "---- " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Wait until the main port answers ping; fail with the log if the process exits or the deadline passes. */
    JmongosProcess awaitReady() {
        try {
            Poll.until(name + " answers ping on port " + port, START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue());
                }
                return ping();
            }, () -> "alive=" + process.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n---- " + name + " log:\n" + log(), e);
        }
        return this;
    }

    private boolean ping() {
        try (BlockingWireClient c = BlockingWireClient.open(port, PROBE)) {
            c.runOk(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin")));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of the process that has exited (IllegalThreadStateException while it runs). */
    int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL (a crash: no drain, no cleanup) and wait for the process to be gone. */
    void kill() {
        killNow();
    }

    /** Start the same command again (after {@link #kill} or {@link #stop}) and wait until it is ready. */
    JmongosProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        begin();
        return awaitReady();
    }

    /** SIGTERM without waiting (so that several processes drain at once); {@link #stop} waits. */
    void signalStop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@link #STOP_TIMEOUT}. */
    void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                killNow();
            }
        } catch (InterruptedException e) {
            killNow();
            Thread.currentThread().interrupt();
        }
    }

    private void killNow() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The log file (both starts, if restarted). */
    Path logFile() {
        return log;
    }

    /** The whole log so far. */
    String log() {
        return logSince(0);
    }

    /** Bytes written to the log so far (an offset for {@link #logSince}). */
    long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log got after {@code offset}. */
    String logSince(long offset) {
        try {
            byte[] all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            int from = (int) Math.min(Math.max(0, offset), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook kills it
        }
        stop();
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
