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
 * Builds the server's SSL context from {@link TlsSettings}, checking each file first so a bad one fails with one
 * line naming it: missing or unreadable, no certificate, an expired or not yet valid certificate, no key, an
 * encrypted key without or with the wrong password, a key that does not belong to the certificate.
 */
public final class TlsContextLoader {
    private TlsContextLoader() {
    }

    /**
     * Load the files and build the context.
     *
     * @throws TlsConfigException naming the file and the reason
     */
    public static SslContext load(TlsSettings settings, SslProvider provider) {
        Path keyFile = settings.certificateKeyFile();
        PemFile pem = PemFile.read(keyFile, "tlsCertificateKeyFile");
        List<X509Certificate> chain = pem.certificates();
        checkValidity(chain.get(0), "tlsCertificateKeyFile " + keyFile);
        PrivateKey key = pem.privateKey(settings.certificateKeyFilePassword());
        if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
            throw new TlsConfigException("The private key in tlsCertificateKeyFile " + keyFile + " ("
                    + key.getAlgorithm() + ") does not belong to its certificate ("
                    + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
                .sslProvider(provider)
                .protocols(TlsProtocols.enabled(settings.disabledProtocols()));
        if (settings.caFile() != null) {
            List<X509Certificate> cas = PemFile.read(settings.caFile(), "tlsCAFile").certificates();
            if (settings.allowInvalidCertificates()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                b.trustManager(cas.toArray(new X509Certificate[0]));
            }
            b.clientAuth(settings.allowConnectionsWithoutCertificates() ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
        } else if (settings.allowInvalidCertificates()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).clientAuth(ClientAuth.OPTIONAL);
        }
        try {
            return b.build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException("Cannot use tlsCertificateKeyFile " + keyFile + ": " + e.getMessage(), e);
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
