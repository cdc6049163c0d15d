package io.jmongos.it.lb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process (HAProxy, nginx) started in the foreground with its output in a file of its own temp
 * folder, stopped with SIGTERM then SIGKILL. Never daemonises, so closing it always stops it.
 */
public class ExternalProcess implements AutoCloseable {
    /** How long a balancer may take to start listening. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /** How long to wait for a clean exit after SIGTERM before SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Path dir;
    private final Path output;
    private final Process process;
    /** Stops the process if the test JVM exits (e.g. a surefire timeout) before {@link #close()}. */
    private final Thread shutdownHook;

    ExternalProcess(String name, Path dir, List<String> command) throws IOException {
        this.name = name;
        this.dir = dir;
        this.output = dir.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        this.process = pb.start();
        this.shutdownHook = new Thread(this::stop, name + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Wait until the front port listens; fail with the process output if it exits or takes too long. */
    void awaitListening(int port) throws InterruptedException {
        if (!FreePorts.awaitListening(port, START_TIMEOUT) || !process.isAlive()) {
            String out = output();
            close();
            throw new IllegalStateException(name + " did not start listening on " + port + " (alive="
                    + process.isAlive() + "):\n" + out);
        }
    }

    public Path dir() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs stop()
        }
        stop();
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
