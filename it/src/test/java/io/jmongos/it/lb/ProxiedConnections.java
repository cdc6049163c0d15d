package io.jmongos.it.lb;

import java.nio.charset.StandardCharsets;

import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;

/** Raw LB-port connections that start with a PROXY v1 header, as a balancer in TCP mode writes it. */
final class ProxiedConnections {
    private ProxiedConnections() {
    }

    /** A v1 header naming the connection's own addresses as client and destination. */
    static WireClientOptions.Preamble ownAddressesV1() {
        return (local, remote) -> ("PROXY TCP4 " + local.getAddress().getHostAddress() + " "
                + remote.getAddress().getHostAddress() + " " + local.getPort() + " " + remote.getPort() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Connects to the loopback {@code port}; the v1 header leaves with the first command, no handshake. */
    static BlockingWireClient open(int port) {
        return BlockingWireClient.open(port, ownAddressesV1());
    }
}
