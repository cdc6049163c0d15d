package io.jmongos.router.frontend.tls;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/**
 * The live TLS configuration of the client ports: the settings, the provider, and the current SSL context, which
 * {@link #reload} replaces from the same files (SIGHUP, {@code rotateCertificates}) without touching open
 * connections; new connections use the new context. A reload that fails keeps the old context.
 */
public final class TlsServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(TlsServerContext.class);

    private final TlsSettings settings;
    private final SslProvider provider;
    private volatile SslContext current;

    private TlsServerContext(TlsSettings settings, SslProvider provider, SslContext current) {
        this.settings = settings;
        this.provider = provider;
        this.current = current;
    }

    /**
     * Load the certificate files (when TLS is on) and log the provider.
     *
     * @throws TlsConfigException naming the file and the reason
     */
    public static TlsServerContext open(TlsSettings settings) {
        Objects.requireNonNull(settings);
        if (!settings.mode().enabled()) {
            return new TlsServerContext(settings, null, null);
        }
        SslProvider provider = TlsProvider.choose();
        SslContext ctx = TlsContextLoader.load(settings, provider);
        StructuredLog.info(LOG, LogIds.TLS_PROVIDER, LogComponent.NETWORK, "TLS enabled")
                .addKeyValue("tlsMode", settings.mode().optionValue())
                .addKeyValue("provider", TlsProvider.describe(provider))
                .addKeyValue("protocols", TlsProtocols.enabled(settings.disabledProtocols()))
                .addKeyValue("certificateKeyFile", settings.certificateKeyFile().toString())
                .addKeyValue("CAFile", settings.caFile() == null ? null : settings.caFile().toString())
                .log();
        return new TlsServerContext(settings, provider, ctx);
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

    /**
     * Re-read the certificate files and use them for new connections.
     *
     * @throws TlsConfigException when TLS is disabled or a file is bad (the old context stays in use)
     */
    public synchronized void reload(String message) {
        if (!settings.mode().enabled()) {
            throw new TlsConfigException("TLS is not enabled: there are no certificates to rotate");
        }
        try {
            current = TlsContextLoader.load(settings, provider);
        } catch (TlsConfigException e) {
            StructuredLog.warn(LOG, LogIds.TLS_ROTATE_FAILED, LogComponent.NETWORK, "Certificate rotation failed")
                    .addKeyValue("error", e.getMessage()).log();
            throw e;
        }
        StructuredLog.info(LOG, LogIds.TLS_ROTATED, LogComponent.NETWORK, "Rotated certificates")
                .addKeyValue("message", message)
                .addKeyValue("certificateKeyFile", settings.certificateKeyFile().toString())
                .log();
    }
}
