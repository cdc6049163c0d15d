package io.jmongos.wire.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** The words of a failed outgoing TLS handshake: each known cause names its option, others get no hint. */
class TlsHandshakeFailuresTest {
    private static final String HOST = "shard1.example:27018";

    private static Throwable wrapped(Throwable root, String message) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(root);
        return e;
    }

    @Test
    void anUntrustedCertificateNamesTlsCaFile() {
        Throwable t = wrapped(new CertPathBuilderException("unable to find valid certification path"),
                "PKIX path building failed");
        assertThat(TlsHandshakeFailures.describe(t, HOST)).startsWith("TLS handshake failed: PKIX path building failed")
                .endsWith("(the certificate of shard1.example:27018 is not trusted: is its CA in tlsCAFile?)");
    }

    @Test
    void aCertificateForAnotherHostNamesTlsAllowInvalidHostnames() {
        Throwable t = wrapped(new CertificateException("No subject alternative names matching IP address 10.0.0.1"
                + " found"), "General OpenSslEngine problem");
        assertThat(TlsHandshakeFailures.hint(t, HOST)).contains("does not name shard1.example:27018",
                "tlsAllowInvalidHostnames");
        assertThat(TlsHandshakeFailures.hint(new CertificateException("No name matching shard1.example found"),
                HOST)).contains("tlsAllowInvalidHostnames");
    }

    @Test
    void aRefusedClientCertificateNamesTlsClusterFile() {
        assertThat(TlsHandshakeFailures.hint(new SSLHandshakeException("Received fatal alert: certificate_required"),
                HOST)).contains("shard1.example:27018 refused this process's certificate", "tlsClusterFile");
        assertThat(TlsHandshakeFailures.hint(new SSLHandshakeException("error:10000412:SSL routines:"
                + "OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE"), HOST)).contains("tlsClusterFile");
    }

    @Test
    void anotherFailureHasNoHint() {
        assertThat(TlsHandshakeFailures.hint(new SSLHandshakeException("no cipher suites in common"), HOST)).isEmpty();
        assertThat(TlsHandshakeFailures.describe(new SSLHandshakeException("no cipher suites in common"), HOST))
                .isEqualTo("TLS handshake failed: no cipher suites in common");
    }
}
