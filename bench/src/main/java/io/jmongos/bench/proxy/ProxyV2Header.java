package io.jmongos.bench.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Builds PROXY protocol version 2 headers (HAProxy's proxy-protocol.txt, section 2.2): the 12-byte signature,
 * version/command, family/transport, a big-endian length, then the addresses. What a load generator writes
 * first on an LB-port connection when no real balancer is in between.
 */
public final class ProxyV2Header {
    /** The v2 signature: \r\n\r\n\0\r\nQUIT\n (proxy-protocol.txt 2.2). */
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Version 2 in the high nibble, command PROXY (1) or LOCAL (0) in the low nibble. */
    static final int VERSION_COMMAND_PROXY = 0x21;
    static final int VERSION_COMMAND_LOCAL = 0x20;
    /** Address family in the high nibble (1 INET, 2 INET6), transport STREAM (1) in the low nibble. */
    static final int TCP_OVER_IPV4 = 0x11;
    static final int TCP_OVER_IPV6 = 0x21;
    /** Address block sizes: 2 x 4-byte address + 2 ports; 2 x 16-byte address + 2 ports. */
    static final int IPV4_BLOCK = 12;
    static final int IPV6_BLOCK = 36;
    /** Fixed part: signature, version/command, family, 2-byte length. */
    static final int FIXED_LENGTH = 16;

    private ProxyV2Header() {
    }

    /** A PROXY command header saying the connection came from {@code source} to {@code destination}. */
    public static byte[] proxy(InetSocketAddress source, InetSocketAddress destination) {
        InetAddress src = source.getAddress();
        InetAddress dst = destination.getAddress();
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        if (!v4 && !(src instanceof Inet6Address && dst instanceof Inet6Address)) {
            throw new IllegalArgumentException("source and destination must both be IPv4 or both IPv6: "
                    + source + " " + destination);
        }
        int block = v4 ? IPV4_BLOCK : IPV6_BLOCK;
        ByteBuffer b = ByteBuffer.allocate(FIXED_LENGTH + block);
        b.put(SIGNATURE).put((byte) VERSION_COMMAND_PROXY).put((byte) (v4 ? TCP_OVER_IPV4 : TCP_OVER_IPV6))
                .putShort((short) block)
                .put(src.getAddress()).put(dst.getAddress())
                .putShort((short) source.getPort()).putShort((short) destination.getPort());
        return b.array();
    }

    /** A LOCAL command header (what a health check sends): no addresses, the peer's address applies. */
    public static byte[] local() {
        ByteBuffer b = ByteBuffer.allocate(FIXED_LENGTH);
        b.put(SIGNATURE).put((byte) VERSION_COMMAND_LOCAL).put((byte) 0).putShort((short) 0);
        return b.array();
    }
}
