package io.jmongos.bench.proxy;

import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * A client socket channel for the MongoDB driver's Netty transport
 * ({@code TransportSettings.nettyBuilder().socketChannelClass(ProxyHeaderChannel.class)}) whose first bytes on
 * the wire are a PROXY v2 header naming its own local and remote addresses, before the driver's handshake.
 * This is how the load generator reaches the LB port without a balancer in between.
 */
public final class ProxyHeaderChannel extends NioSocketChannel {
    public ProxyHeaderChannel() {
        pipeline().addFirst("proxy-v2-header", new ProxyHeaderWriter());
    }
}
