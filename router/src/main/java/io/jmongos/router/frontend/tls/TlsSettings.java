package io.jmongos.router.frontend.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The TLS options of the client ports, named as mongod names them ({@code --tlsMode}, {@code net.tls.*}).
 * Plain values only; {@link TlsContextLoader} turns them into an SSL context.
 *
 * @param mode                                {@code tlsMode}
 * @param certificateKeyFile                  {@code tlsCertificateKeyFile}: PEM with the certificate chain and its
 *                                            PKCS#8 private key; required unless the mode is disabled
 * @param certificateKeyFilePassword          {@code tlsCertificateKeyFilePassword} for an encrypted key, or null
 * @param caFile                              {@code tlsCAFile}: CA certificates that client certificates must chain
 *                                            to; without it no client certificate is asked for
 * @param allowInvalidCertificates            {@code tlsAllowInvalidCertificates}: accept client certificates that
 *                                            do not verify
 * @param allowConnectionsWithoutCertificates {@code tlsAllowConnectionsWithoutCertificates}: with a CA file, a
 *                                            client may still connect without a certificate
 * @param disabledProtocols                   {@code tlsDisabledProtocols}: any of TLS1_0, TLS1_1, TLS1_2, TLS1_3
 */
public record TlsSettings(TlsMode mode, Path certificateKeyFile, String certificateKeyFilePassword, Path caFile,
                          boolean allowInvalidCertificates, boolean allowConnectionsWithoutCertificates,
                          Set<String> disabledProtocols) {
    /** No TLS on either port. */
    public static final TlsSettings DISABLED = new TlsSettings(TlsMode.DISABLED, null, null, null, false, false,
            TlsProtocols.DEFAULT_DISABLED);

    public TlsSettings {
        Objects.requireNonNull(mode);
        disabledProtocols = Set.copyOf(disabledProtocols);
        if (mode.enabled() && certificateKeyFile == null) {
            // mongod's startup error for a TLS mode without a certificate.
            throw new IllegalArgumentException("need tlsCertificateKeyFile or certificateSelector when TLS is enabled");
        }
        TlsProtocols.enabled(disabledProtocols);
    }
}
