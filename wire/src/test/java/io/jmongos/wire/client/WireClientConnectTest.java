package io.jmongos.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmongos.wire.client.WireClientException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connecting over a real loopback socket: a refused connection fails at once with CONNECT_FAILED; a server that
 * accepts but never answers the hello fails with CONNECT_TIMEOUT within the connect timeout (the handshake shares
 * the connect budget); one that closes during the handshake fails with CONNECT_FAILED.
 */
@Timeout(60)
class WireClientConnectTest {
    @Test
    void refusedConnectionFailsWithConnectFailed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (WireClientResources resources = WireClientResources.nio(1, "connect-test")) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            assertThatThrownBy(() -> WireClientConnection.connect(resources, address, WireClientOptions.defaults()))
                    .isInstanceOfSatisfying(WireClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED))
                    .hasMessageContaining("could not connect to").hasMessageContaining(":" + port);
        }
    }

    @Test
    void silentServerFailsTheHandshakeWithConnectTimeout() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WireClientResources resources = WireClientResources.nio(1, "connect-test")) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
            WireClientOptions options = WireClientOptions.defaults().withConnectTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> WireClientConnection.connect(resources, address, options))
                    .isInstanceOfSatisfying(WireClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT_TIMEOUT))
                    .hasMessageContaining("could not connect to").hasMessageContaining("handshake")
                    .hasMessageMatching("(?s).*within \\d+ ms.*");
        }
    }

    @Test
    void serverThatClosesDuringTheHandshakeFailsWithConnectFailed() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WireClientResources resources = WireClientResources.nio(1, "connect-test")) {
            Thread closer = new Thread(() -> {
                try (Socket accepted = s.accept()) {
                    accepted.getInputStream().read();
                } catch (IOException ignored) {
                    // the test fails on the client side if this goes wrong
                }
            });
            closer.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
            assertThatThrownBy(() -> WireClientConnection.connect(resources, address, WireClientOptions.defaults()))
                    .isInstanceOfSatisfying(WireClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED))
                    .hasMessageContaining("handshake");
            closer.join();
        }
    }
}
