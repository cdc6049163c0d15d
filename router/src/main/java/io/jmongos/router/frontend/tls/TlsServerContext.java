package io.jmongos.router.frontend.tls;

import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/**
 * The live TLS configuration of the process: the settings, the provider, the current server SSL context of the
 * client ports and the current client context of this process's links to other members (built whenever TLS is on,
 * as mongod builds both, so a bad cluster file stops the start in every mode; used only when
 * {@link TlsSettings#outgoingUsesTls}). {@link #reload} replaces both from the same files (SIGHUP,
 * {@code rotateCertificates}) without touching open connections; new connections use the new contexts. A reload
 * that fails keeps both old contexts.
 */
public final class TlsServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(TlsServerContext.class);

    private final TlsSettings settings;
    private final SslProvider provider;
    private volatile SslContext current;
    private volatile SslContext outgoing;

    private TlsServerContext(TlsSettings settings, SslProvider provider, SslContext current, SslContext outgoing) {
        this.settings = settings;
        this.provider = provider;
        this.current = current;
        this.outgoing = outgoing;
    }

    /**
     * Load the certificate files (when TLS is on) and log the provider.
     *
     * @throws TlsConfigException naming the file and the reason
     */
    public static TlsServerContext open(TlsSettings settings) {
        Objects.requireNonNull(settings);
        if (!settings.mode().enabled()) {
            return new TlsServerContext(settings, null, null, null);
        }
        SslProvider provider = TlsProvider.choose();
        SslContext ctx = TlsContextLoader.load(settings, provider);
        SslContext out = TlsContextLoader.loadOutgoing(settings, provider);
        TlsClusterSettings cluster = settings.cluster();
        StructuredLog.info(LOG, LogIds.TLS_PROVIDER, LogComponent.NETWORK, "TLS enabled")
                .addKeyValue("tlsMode", settings.mode().optionValue())
                .addKeyValue("provider", TlsProvider.describe(provider))
                .addKeyValue("protocols", TlsProtocols.enabled(settings.disabledProtocols()))
                .addKeyValue("certificateKeyFile", settings.certificateKeyFile().toString())
                .addKeyValue("CAFile", text(settings.caFile()))
                .addKeyValue("clusterCAFile", text(cluster.clusterCAFile()))
                .log();
        StructuredLog.info(LOG, LogIds.TLS_CLUSTER_LINKS, LogComponent.NETWORK,
                        settings.outgoingUsesTls() ? "Connections to other cluster members use TLS"
                                : "Connections to other cluster members do not use TLS")
                .addKeyValue("tlsMode", settings.mode().optionValue())
                .addKeyValue("clusterFile", text(cluster.clusterFile() != null ? cluster.clusterFile()
                        : settings.certificateKeyFile()))
                .addKeyValue("allowInvalidHostnames", cluster.allowInvalidHostnames())
                .log();
        return new TlsServerContext(settings, provider, ctx, out);
    }

    private static String text(Object path) {
        return path == null ? null : path.toString();
    }

    public TlsSettings settings() {
        return settings;
    }

    public TlsMode mode() {
        return settings.mode();
    }

    /** The context for new connections; null when TLS is disabled. */
    public SslContext current() {
        return current;
    }

    /** The client context of this process's links to other members; null when TLS is disabled. */
    public SslContext outgoing() {
        return outgoing;
    }

    /**
     * What secures new outgoing links: a supplier of the current client context (read at every connect, so a
     * reload applies to the next connection), or null when the links do not use TLS (tlsMode disabled or allowTLS).
     */
    public Supplier<SslContext> outgoingContexts() {
        return settings.outgoingUsesTls() ? this::outgoing : null;
    }

    /**
     * Re-read the certificate files (the cluster file too) and use them for new connections.
     *
     * @throws TlsConfigException when TLS is disabled or a file is bad (the old context stays in use)
     */
    public synchronized void reload(String message) {
        if (!settings.mode().enabled()) {
            throw new TlsConfigException("TLS is not enabled: there are no certificates to rotate");
        }
        try {
            SslContext server = TlsContextLoader.load(settings, provider);
            SslContext client = TlsContextLoader.loadOutgoing(settings, provider);
            current = server;
            outgoing = client;
        } catch (TlsConfigException e) {
            StructuredLog.warn(LOG, LogIds.TLS_ROTATE_FAILED, LogComponent.NETWORK, "Certificate rotation failed")
                    .addKeyValue("error", e.getMessage()).log();
            throw e;
        }
        StructuredLog.info(LOG, LogIds.TLS_ROTATED, LogComponent.NETWORK, "Rotated certificates")
                .addKeyValue("message", message)
                .addKeyValue("certificateKeyFile", settings.certificateKeyFile().toString())
                .addKeyValue("clusterFile", text(settings.cluster().clusterFile()))
                .log();
    }
}
