package io.jmongos.wire.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates a new connection after its hello and before its first request (the Java driver's connection
 * initializer does the same), so a pool never hands out a connection that has not authenticated. Runs on the
 * connection's event loop: it must not block, only chain {@link WireClientConnection#commandAsync} calls.
 */
@FunctionalInterface
public interface ClientAuthenticator {
    /**
     * Authenticates {@code connection} within {@code timeout} (what is left of the connect timeout).
     *
     * @return a future that fails with a {@link WireClientException}: HANDSHAKE_FAILED when the server refused the
     *         credentials, or the kind of the transport failure
     */
    CompletableFuture<Void> authenticate(WireClientConnection connection, Duration timeout);
}
