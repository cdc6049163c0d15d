package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmongos.server.JmongosServer;
import io.jmongos.server.StartupException;

/**
 * Bad TLS input stops the server at startup with one line naming the file and the reason (the command line prints
 * it and exits with {@link StartupException#EXIT_CODE}, 2).
 */
class TlsStartupErrorTest {
    @TempDir
    Path dir;

    private static void assertStartupFails(String expected, String... tlsArgs) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        args.addAll(List.of(tlsArgs));
        assertThatThrownBy(() -> JmongosServer.start(args).close())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingKeyFile() {
        Path missing = dir.resolve("missing.pem");
        assertStartupFails("Cannot read tlsCertificateKeyFile " + missing + ": no such file",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", missing.toString());
    }

    @Test
    void modeWithoutCertificate() {
        assertStartupFails("need tlsCertificateKeyFile or certificateSelector when TLS is enabled",
                "--tlsMode", "requireTLS");
    }

    @Test
    void unknownMode() {
        assertStartupFails("Bad value for --tlsMode: 'required'", "--tlsMode", "required");
    }

    @Test
    void wrongPassword() throws Exception {
        Path f = TestCertificates.create(dir, "CA").serverFile("server", "right");
        assertStartupFails("Cannot decrypt the private key in tlsCertificateKeyFile " + f
                        + ": wrong tlsCertificateKeyFilePassword",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", f.toString(),
                "--tlsCertificateKeyFilePassword", "wrong");
    }

    @Test
    void encryptedKeyWithoutPassword() throws Exception {
        Path f = TestCertificates.create(dir, "CA").serverFile("server", "right");
        assertStartupFails("is encrypted: give tlsCertificateKeyFilePassword",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", f.toString());
    }

    @Test
    void expiredCertificate() throws Exception {
        Path f = TestCertificates.create(dir, "CA").expiredServerFile("old");
        assertStartupFails("The certificate in tlsCertificateKeyFile " + f + " expired on",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", f.toString());
    }

    @Test
    void fileWithoutKey() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        Path ca = certs.caFile();
        assertStartupFails("tlsCertificateKeyFile " + ca + " holds no private key",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", ca.toString());
    }

    @Test
    void unreadableCaFile() throws Exception {
        Path f = TestCertificates.create(dir, "CA").serverFile("server", null);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "garbage");
        assertStartupFails("tlsCAFile " + ca + " holds no certificate",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", f.toString(), "--tlsCAFile", ca.toString());
    }

    @Test
    void badDisabledProtocols() {
        assertStartupFails("Unrecognized tlsDisabledProtocols format: 'SSL3'", "--tlsDisabledProtocols", "SSL3");
    }
}
