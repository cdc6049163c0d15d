package io.jmongos.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmongos.wire.client.WireClientException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Connecting over a real loopback socket: a refused connection fails at once with CONNECT_FAILED. */
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
}
