package io.jmongos.router.frontend.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * Builds the SSL contexts from {@link TlsSettings}, checking each file first so a bad one fails with one line
 * naming it: missing or unreadable, no certificate, an expired or not yet valid certificate, no key, an encrypted key
 * without or with the wrong password, a key that does not belong to the certificate. The server context serves the
 * client ports; the client context ({@link #loadOutgoing}) this process's own links to other cluster members.
 */
public final class TlsContextLoader {
    /**
     * The endpoint identification algorithm that checks a server certificate's names against the host dialled
     * (RFC 2818 / RFC 6125 rules, subjectAltName DNS and IP entries), as MongoDB checks them on outgoing connections.
     */
    static final String HOSTNAME_VERIFICATION = "HTTPS";

    private TlsContextLoader() {
    }

    /** A certificate chain and its private key, read and checked. */
    private record KeyAndChain(PrivateKey key, X509Certificate[] chain) {
    }

    /**
     * Load the files and build the server context of the client ports: {@code tlsCertificateKeyFile}; client
     * certificates are asked for and validated with {@code tlsClusterCAFile}, or {@code tlsCAFile} without it.
     *
     * @throws TlsConfigException naming the file and the reason
     */
    public static SslContext load(TlsSettings settings, SslProvider provider) {
        Path keyFile = settings.certificateKeyFile();
        KeyAndChain own = read(keyFile, "tlsCertificateKeyFile", settings.certificateKeyFilePassword(),
                "tlsCertificateKeyFilePassword");
        SslContextBuilder b = SslContextBuilder.forServer(own.key(), own.chain())
                .sslProvider(provider)
                .protocols(TlsProtocols.enabled(settings.disabledProtocols()));
        if (settings.incomingCaFile() != null) {
            List<X509Certificate> cas = PemFile.read(settings.incomingCaFile(), settings.incomingCaOption())
                    .certificates();
            if (settings.allowInvalidCertificates()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                b.trustManager(cas.toArray(new X509Certificate[0]));
            }
            b.clientAuth(settings.allowConnectionsWithoutCertificates() ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
        } else if (settings.allowInvalidCertificates()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).clientAuth(ClientAuth.OPTIONAL);
        }
        return build(b, "tlsCertificateKeyFile", keyFile);
    }

    /**
     * Load the files and build the client context of this process's links to other members (MongoDB's outgoing
     * context): it presents {@code tlsClusterFile} (with {@code tlsClusterPassword}), or {@code tlsCertificateKeyFile}
     * without one; it trusts the CAs of {@code tlsCAFile}, or the JVM's default trust store without one (MongoDB's
     * system CA); {@code tlsAllowInvalidCertificates} trusts any certificate, {@code tlsAllowInvalidHostnames} skips
     * the host name check.
     *
     * @throws TlsConfigException naming the file and the reason
     */
    public static SslContext loadOutgoing(TlsSettings settings, SslProvider provider) {
        TlsClusterSettings cluster = settings.cluster();
        boolean ownClusterFile = cluster.clusterFile() != null;
        String option = ownClusterFile ? "tlsClusterFile" : "tlsCertificateKeyFile";
        Path keyFile = ownClusterFile ? cluster.clusterFile() : settings.certificateKeyFile();
        KeyAndChain own = ownClusterFile
                ? read(keyFile, option, cluster.clusterPassword(), "tlsClusterPassword")
                : read(keyFile, option, settings.certificateKeyFilePassword(), "tlsCertificateKeyFilePassword");
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(TlsProtocols.enabled(settings.disabledProtocols()))
                .keyManager(own.key(), own.chain())
                .endpointIdentificationAlgorithm(cluster.allowInvalidHostnames() ? null : HOSTNAME_VERIFICATION);
        if (settings.allowInvalidCertificates()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (settings.caFile() != null) {
            b.trustManager(PemFile.read(settings.caFile(), "tlsCAFile").certificates().toArray(new X509Certificate[0]));
        }
        return build(b, option, keyFile);
    }

    private static KeyAndChain read(Path keyFile, String option, String password, String passwordOption) {
        PemFile pem = PemFile.read(keyFile, option);
        List<X509Certificate> chain = pem.certificates();
        checkValidity(chain.get(0), option + " " + keyFile);
        PrivateKey key = pem.privateKey(password, passwordOption);
        if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
            throw new TlsConfigException("The private key in " + option + " " + keyFile + " ("
                    + key.getAlgorithm() + ") does not belong to its certificate ("
                    + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        return new KeyAndChain(key, chain.toArray(new X509Certificate[0]));
    }

    private static SslContext build(SslContextBuilder b, String option, Path keyFile) {
        try {
            return b.build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException("Cannot use " + option + " " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static void checkValidity(X509Certificate cert, String where) {
        try {
            cert.checkValidity(new Date());
        } catch (CertificateExpiredException e) {
            throw new TlsConfigException("The certificate in " + where + " expired on "
                    + cert.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsConfigException("The certificate in " + where + " is not valid before "
                    + cert.getNotBefore().toInstant(), e);
        }
    }
}
