package io.jmongos.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import org.junit.jupiter.api.Test;

class ProxyV2HeaderTest {

    @Test
    void ipv4HeaderBytes() {
        byte[] h = ProxyV2Header.proxy(new InetSocketAddress("10.1.2.3", 51000),
                new InetSocketAddress("127.0.0.1", 27018));
        assertThat(h).hasSize(28);
        assertThat(Arrays.copyOf(h, 12)).containsExactly(0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49,
                0x54, 0x0A);
        assertThat(Arrays.copyOfRange(h, 12, 28)).containsExactly(0x21, 0x11, 0x00, 0x0C,
                10, 1, 2, 3, 127, 0, 0, 1, (byte) 0xC7, 0x38, 0x69, (byte) 0x8A);
    }

    @Test
    void nettyDecoderReadsWhatWeWrite() {
        assertDecodes(new InetSocketAddress("192.168.0.9", 4000), new InetSocketAddress("127.0.0.1", 65535),
                HAProxyProxiedProtocol.TCP4);
        assertDecodes(new InetSocketAddress("::1", 1), new InetSocketAddress("2001:db8::7", 27017),
                HAProxyProxiedProtocol.TCP6);
    }

    private static void assertDecodes(InetSocketAddress src, InetSocketAddress dst, HAProxyProxiedProtocol proto) {
        EmbeddedChannel ch = new EmbeddedChannel(new HAProxyMessageDecoder());
        ByteBuf in = Unpooled.wrappedBuffer(ProxyV2Header.proxy(src, dst));
        assertThat(ch.writeInbound(in)).isTrue();
        HAProxyMessage msg = ch.readInbound();
        try {
            assertThat(msg.protocolVersion()).isEqualTo(HAProxyProtocolVersion.V2);
            assertThat(msg.command()).isEqualTo(HAProxyCommand.PROXY);
            assertThat(msg.proxiedProtocol()).isEqualTo(proto);
            assertThat(msg.sourcePort()).isEqualTo(src.getPort());
            assertThat(msg.destinationPort()).isEqualTo(dst.getPort());
            assertThat(new InetSocketAddress(msg.sourceAddress(), 0).getAddress()).isEqualTo(src.getAddress());
            assertThat(new InetSocketAddress(msg.destinationAddress(), 0).getAddress())
                    .isEqualTo(dst.getAddress());
            assertThat(msg.tlvs()).isEmpty();
        } finally {
            msg.release();
        }
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void localHeader() {
        byte[] h = ProxyV2Header.local();
        assertThat(h).hasSize(16);
        assertThat(Arrays.copyOfRange(h, 12, 16)).containsExactly(0x20, 0x00, 0x00, 0x00);
        EmbeddedChannel ch = new EmbeddedChannel(new HAProxyMessageDecoder());
        assertThat(ch.writeInbound(Unpooled.wrappedBuffer(h))).isTrue();
        HAProxyMessage msg = ch.readInbound();
        try {
            assertThat(msg.command()).isEqualTo(HAProxyCommand.LOCAL);
        } finally {
            msg.release();
        }
        ch.finish();
    }

    @Test
    void mixedFamiliesRejected() {
        assertThatThrownBy(() -> ProxyV2Header.proxy(new InetSocketAddress("127.0.0.1", 1),
                new InetSocketAddress("::1", 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
