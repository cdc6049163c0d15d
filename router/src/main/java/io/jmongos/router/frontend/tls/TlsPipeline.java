package io.jmongos.router.frontend.tls;

import io.jmongos.router.conn.ClientConnectionState;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;

/**
 * Adds the TLS handlers to a client pipeline, after the PROXY handlers (so on the LB port the PROXY header is
 * read in clear and TLS starts after it; on the main port TLS starts at once): requireTLS gets an SSL handler,
 * allowTLS and preferTLS an {@link OptionalSslHandler} that looks at the first bytes and becomes an SSL handler
 * for a TLS client or steps aside for a plain one; then {@link TlsHandshakeLog}.
 */
public final class TlsPipeline {
    /** Pipeline name of the TLS handler (or the optional detector that becomes it). */
    public static final String TLS = "tls";
    /** Pipeline name of the handshake failure logger. */
    public static final String TLS_LOG = "tlsLog";

    private TlsPipeline() {
    }

    /** Add the handlers at the end of {@code p}; nothing when TLS is disabled. */
    public static void addTo(ChannelPipeline p, TlsServerContext tls, ClientConnectionState state) {
        SslContext ctx = tls == null ? null : tls.current();
        if (ctx == null) {
            return;
        }
        if (tls.mode() == TlsMode.REQUIRE_TLS) {
            p.addLast(TLS, ctx.newHandler(p.channel().alloc()));
        } else {
            p.addLast(TLS, new OptionalSslHandler(ctx));
        }
        p.addLast(TLS_LOG, new TlsHandshakeLog(state));
    }
}
