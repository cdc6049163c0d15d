package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmongos.it.lb.FreePorts;

/**
 * The runnable jar as its own process: a bad certificate file exits 2 with one line on stderr naming the file,
 * and SIGHUP reloads the certificate files for new connections.
 */
class TlsProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("jmongos.jar", "../server/target/jmongos.jar"));
        assumeTrue(Files.isRegularFile(jar), "runnable jar not built (" + jar + "); run mvn verify");
        return jar;
    }

    private static Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        return p;
    }

    @Test
    void expiredCertificateExitsTwoWithOneLine() throws Exception {
        Path f = TestCertificates.create(dir, "CA").expiredServerFile("old");
        Process p = launch("--port", "0", "--bind_ip", "127.0.0.1", "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", f.toString());
        assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip().lines().toList()).hasSize(1);
        assertThat(err).contains(f.toString()).contains("expired on").doesNotContain("\tat ");
    }

    @Test
    void sighupReloadsTheCertificates() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        Path file = certs.serverFile("server", null);
        int port = FreePorts.next();
        Process p = launch("--port", String.valueOf(port), "--bind_ip", "127.0.0.1", "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", file.toString());
        Output out = new Output(p.getInputStream());
        try {
            out.await("\"Waiting for connections\"", p);
            assertThat(TlsDriverTest.peerName(certs, port)).contains("CN=server");
            Files.copy(certs.serverFile("rotated", null), file, StandardCopyOption.REPLACE_EXISTING);
            Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).start();
            assertThat(kill.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            out.await("\"Rotated certificates\"", p);
            assertThat(TlsDriverTest.peerName(certs, port)).contains("CN=rotated");
        } finally {
            p.destroy();
            if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** The process' stdout, collected by a thread; {@link #await} waits for a line with some text. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();

        Output(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            text.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "jmongos-output");
            t.setDaemon(true);
            t.start();
        }

        void await(String needle, Process p) throws InterruptedException {
            Instant deadline = Instant.now().plus(DEADLINE);
            synchronized (text) {
                while (text.indexOf(needle) < 0) {
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0 || !p.isAlive()) {
                        throw new AssertionError("no " + needle + " in the output: " + text);
                    }
                    text.wait(Math.min(left, 1000));
                }
            }
        }
    }
}
