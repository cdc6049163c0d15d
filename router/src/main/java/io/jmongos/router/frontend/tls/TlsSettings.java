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
 * @param cluster                             the cluster options ({@code tlsClusterFile} ...) of outgoing links
 */
public record TlsSettings(TlsMode mode, Path certificateKeyFile, String certificateKeyFilePassword, Path caFile,
                          boolean allowInvalidCertificates, boolean allowConnectionsWithoutCertificates,
                          Set<String> disabledProtocols, TlsClusterSettings cluster) {
    /** No TLS on either port. */
    public static final TlsSettings DISABLED = new TlsSettings(TlsMode.DISABLED, null, null, null, false, false,
            TlsProtocols.DEFAULT_DISABLED, TlsClusterSettings.NONE);

    public TlsSettings {
        Objects.requireNonNull(mode);
        disabledProtocols = Set.copyOf(disabledProtocols);
        if (mode.enabled() && certificateKeyFile == null) {
            // mongod's startup error for a TLS mode without a certificate.
            throw new IllegalArgumentException("need tlsCertificateKeyFile or certificateSelector when TLS is enabled");
        }
        TlsProtocols.enabled(disabledProtocols);
        Objects.requireNonNull(cluster);
        if (cluster.clusterCAFile() != null && caFile == null) {
            // mongod's startup error (ssl_options.cpp)
            throw new IllegalArgumentException("Specifying a tlsClusterCAFile requires a tlsCAFile also be specified");
        }
    }

    /**
     * Whether this process's own connections to other members use TLS: MongoDB's egress rule (transport layer,
     * {@code ConnectSSLMode::kGlobalSSLMode}) is TLS when the mode is preferTLS or requireTLS, plain with allowTLS
     * or disabled.
     */
    public boolean outgoingUsesTls() {
        return mode == TlsMode.PREFER_TLS || mode == TlsMode.REQUIRE_TLS;
    }

    /** The option whose CA file validates incoming client certificates: tlsClusterCAFile over tlsCAFile. */
    String incomingCaOption() {
        return cluster.clusterCAFile() != null ? "tlsClusterCAFile" : "tlsCAFile";
    }

    /** The CA file that validates incoming client certificates, or null. */
    Path incomingCaFile() {
        return cluster.clusterCAFile() != null ? cluster.clusterCAFile() : caFile;
    }
}
