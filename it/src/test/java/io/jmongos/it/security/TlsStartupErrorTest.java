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
    void missingClusterFile() throws Exception {
        Path f = TestCertificates.create(dir, "CA").serverFile("server", null);
        Path missing = dir.resolve("member.pem");
        assertStartupFails("Cannot read tlsClusterFile " + missing + ": no such file",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", f.toString(),
                "--tlsClusterFile", missing.toString());
    }

    @Test
    void clusterFileIsCheckedInEveryMode() throws Exception {
        // mongod builds its outgoing context whenever TLS is on, even when allowTLS keeps the links plain
        Path f = TestCertificates.create(dir, "CA").serverFile("server", null);
        Path missing = dir.resolve("member.pem");
        assertStartupFails("Cannot read tlsClusterFile " + missing + ": no such file",
                "--tlsMode", "allowTLS", "--tlsCertificateKeyFile", f.toString(),
                "--tlsClusterFile", missing.toString());
    }

    @Test
    void wrongClusterPassword() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        Path member = certs.serverFile("member", "right");
        assertStartupFails("Cannot decrypt the private key in tlsClusterFile " + member + ": wrong tlsClusterPassword",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", certs.serverFile("server", null).toString(),
                "--tlsClusterFile", member.toString(), "--tlsClusterPassword", "wrong");
    }

    @Test
    void encryptedClusterFileWithoutItsPassword() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        Path member = certs.serverFile("member", "right");
        // the server key's password is not the cluster file's (mongod keeps them apart)
        assertStartupFails("is encrypted: give tlsClusterPassword",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", certs.serverFile("server", "right").toString(),
                "--tlsCertificateKeyFilePassword", "right", "--tlsClusterFile", member.toString());
    }

    @Test
    void expiredClusterCertificate() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        Path old = certs.expiredServerFile("old-member");
        assertStartupFails("The certificate in tlsClusterFile " + old + " expired on",
                "--tlsMode", "preferTLS", "--tlsCertificateKeyFile", certs.serverFile("server", null).toString(),
                "--tlsClusterFile", old.toString());
    }

    @Test
    void clusterCaFileNeedsCaFile() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        assertStartupFails("Specifying a tlsClusterCAFile requires a tlsCAFile also be specified",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", certs.serverFile("server", null).toString(),
                "--tlsClusterCAFile", certs.caFile().toString());
    }

    @Test
    void unreadableClusterCaFile() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "CA");
        Path ca = dir.resolve("cluster-ca.pem");
        Files.writeString(ca, "garbage");
        assertStartupFails("tlsClusterCAFile " + ca + " holds no certificate",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", certs.serverFile("server", null).toString(),
                "--tlsCAFile", certs.caFile().toString(), "--tlsClusterCAFile", ca.toString());
    }

    @Test
    void badDisabledProtocols() {
        assertStartupFails("Unrecognized tlsDisabledProtocols format: 'SSL3'", "--tlsDisabledProtocols", "SSL3");
    }
}
