package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;

/**
 * The real launcher as a separate process: {@code ./jmongos --port N} (with JMONGOS_JAR pointing at the jar this
 * build made, so the test never starts a nested Maven build), pinged over TCP by the driver, then stopped with
 * SIGTERM. Skipped when the jar was not built (e.g. {@code mvn test} without the package phase).
 */
class LauncherProcessTest {
    /** Startup deadline: generous for a cold JVM on a loaded 2-core CI box. */
    static final Duration STARTUP_DEADLINE = Duration.ofSeconds(90);
    static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    @Test
    void launcherStartsAServerThatAnswersPing() throws Exception {
        Path root = Path.of(System.getProperty("jmongos.root", ".."));
        Path jar = Path.of(System.getProperty("jmongos.jar", "../server/target/jmongos.jar"));
        assumeTrue(Files.isRegularFile(jar), "runnable jar not built (" + jar + "); run mvn verify");
        Path launcher = root.resolve("jmongos");
        assertThat(Files.isExecutable(launcher)).as("%s is executable", launcher).isTrue();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--port", String.valueOf(port),
                "--bind_ip", "127.0.0.1").redirectErrorStream(true);
        pb.environment().put("JMONGOS_JAR", jar.toAbsolutePath().toString());
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        Thread drain = new Thread(() -> copy(p.getInputStream(), output), "launcher-output");
        drain.setDaemon(true);
        drain.start();
        try (MongoClient c = Clients.plain("127.0.0.1:" + port)) {
            Document pong = pingUntil(c, p, Instant.now().plus(STARTUP_DEADLINE), output);
            assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(c.getDatabase("admin").runCommand(new Document("serverStatus", 1)).get("pid", Number.class)
                    .longValue()).isEqualTo(p.pid());
        } finally {
            p.destroy();
            if (!p.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        synchronized (output) {
            assertThat(output.toString()).contains("\"msg\":\"Waiting for connections\"")
                    .contains("\"port\":" + port);
        }
    }

    @Test
    void badOptionIsOneLineOnStderrAndExitCode2() throws Exception {
        Path root = Path.of(System.getProperty("jmongos.root", ".."));
        Path jar = Path.of(System.getProperty("jmongos.jar", "../server/target/jmongos.jar"));
        assumeTrue(Files.isRegularFile(jar), "runnable jar not built (" + jar + "); run mvn verify");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("jmongos").toString(), "--port", "0", "--no-such-option");
        pb.environment().put("JMONGOS_JAR", jar.toAbsolutePath().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(STARTUP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip().lines().toList()).hasSize(1);
        assertThat(err).contains("--no-such-option").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static Document pingUntil(MongoClient c, Process p, Instant deadline, StringBuilder output) {
        MongoException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                synchronized (output) {
                    throw new AssertionError("launcher exited with " + p.exitValue() + ": " + output);
                }
            }
            try {
                return c.getDatabase("admin").runCommand(new Document("ping", 1));
            } catch (MongoException e) {
                last = e;
            }
        }
        synchronized (output) {
            throw new AssertionError("no ping reply before the deadline; output: " + output, last);
        }
    }

    private static void copy(InputStream in, StringBuilder out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (out) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
