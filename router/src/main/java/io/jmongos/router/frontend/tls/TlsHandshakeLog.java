package io.jmongos.router.frontend.tls;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits after the SSL handler: a failed handshake (a plaintext client on a requireTLS port, an untrusted or missing
 * client certificate, no common protocol) or any later TLS error is logged once, as mongod logs it ("Error
 * receiving request from client", SSLHandshakeFailed, with the client's address), and the connection is closed
 * without a reply. A peer that hung up before finishing the handshake is closed quietly. Not sharable: one per
 * channel.
 */
final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {
    /** mongod's code for a failed TLS handshake (error_codes.yml: SSLHandshakeFailed). */
    static final int SSL_HANDSHAKE_FAILED = 141;
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    private final ClientConnectionState state;
    private boolean logged;

    TlsHandshakeLog(ClientConnectionState state) {
        this.state = state;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
            fail(ctx, e.cause());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                fail(ctx, t);
                return;
            }
        }
        ctx.fireExceptionCaught(cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        // A peer that closed before or during the handshake (a balancer's TCP health check) is not worth a line.
        if (!logged && ctx.channel().isActive()) {
            logged = true;
            StructuredLog.warn(LOG, LogIds.ERROR_RECEIVING_REQUEST, LogComponent.NETWORK,
                            "Error receiving request from client. Ending connection from remote")
                    .addKeyValue(StructuredLog.KEY_CTX, state.logContext())
                    .addKeyValue("error", "SSLHandshakeFailed (" + SSL_HANDSHAKE_FAILED + "): "
                            + String.valueOf(cause.getMessage()))
                    .addKeyValue("remote", state.clientAddressText())
                    .addKeyValue("connectionId", state.connectionId())
                    .log();
        }
        ctx.close();
    }
}
