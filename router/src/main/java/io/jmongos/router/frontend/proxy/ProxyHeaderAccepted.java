package io.jmongos.router.frontend.proxy;

import java.util.Objects;

/**
 * User event fired down the pipeline once a PROXY header was accepted, before any byte that followed
 * the header reaches the next handler. The same value is on the channel attribute
 * {@link ProxyProtocolGate#PROXIED}.
 *
 * @param connection what the header said
 */
public record ProxyHeaderAccepted(ProxiedConnection connection) {
    public ProxyHeaderAccepted {
        Objects.requireNonNull(connection);
    }
}
