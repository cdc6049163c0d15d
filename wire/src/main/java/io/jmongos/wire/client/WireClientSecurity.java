package io.jmongos.wire.client;

import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;

/**
 * What secures a {@link WireClientConnection}: TLS, started right after the TCP connect (after the preamble, when
 * there is one, so a PROXY header stays in clear as a balancer expects), and an authenticator run after the hello.
 *
 * @param tls           the client SSL context for each new connection (read at every connect, so a rotated
 *                      certificate applies to new connections), or null for plain TCP
 * @param authenticator run after the handshake, or null for none
 */
public record WireClientSecurity(Supplier<SslContext> tls, ClientAuthenticator authenticator) {
    /** Plain TCP, no authentication. */
    public static final WireClientSecurity NONE = new WireClientSecurity(null, null);

    public WireClientSecurity withTls(Supplier<SslContext> context) {
        return new WireClientSecurity(context, authenticator);
    }

    public WireClientSecurity withAuthenticator(ClientAuthenticator a) {
        return new WireClientSecurity(tls, a);
    }

    /** Whether connections start TLS. */
    public boolean usesTls() {
        return tls != null;
    }
}
