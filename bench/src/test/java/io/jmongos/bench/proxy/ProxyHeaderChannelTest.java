package io.jmongos.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

class ProxyHeaderChannelTest {

    @Test
    void headerGoesFirstWithTheSocketsOwnAddresses() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            Channel ch = new Bootstrap().group(group).channel(ProxyHeaderChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                        }
                    })
                    .connect(server.getLocalSocketAddress()).sync().channel();
            ch.writeAndFlush(Unpooled.copiedBuffer("after", StandardCharsets.US_ASCII)).sync();
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                byte[] got = new byte[28 + 5];
                new DataInputStream(accepted.getInputStream()).readFully(got);
                InetSocketAddress client = (InetSocketAddress) accepted.getRemoteSocketAddress();
                byte[] expected = ProxyV2Header.proxy(client, (InetSocketAddress) server.getLocalSocketAddress());
                assertThat(Arrays.copyOf(got, 28)).isEqualTo(expected);
                assertThat(new String(got, 28, 5, StandardCharsets.US_ASCII)).isEqualTo("after");
                assertThat(ch.pipeline().get("proxy-v2-header")).isNull();
            } finally {
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
