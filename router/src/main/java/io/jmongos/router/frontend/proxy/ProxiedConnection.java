package io.jmongos.router.frontend.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a PROXY protocol header said about a connection on the load-balancer port. Plain Java values only
 * (nothing reference counted, no Netty types), so it can be kept for the life of the connection.
 *
 * @param version     1 (text) or 2 (binary)
 * @param command     {@link Command#LOCAL} (the balancer's own connection, e.g. a health check) or PROXY
 * @param family      address family of the header; UNSPEC for v1 {@code UNKNOWN}, v2 UNSPEC and LOCAL
 * @param transport   STREAM, DGRAM, or UNSPEC when the header names no transport
 * @param source      the original client: an {@link InetSocketAddress} for INET/INET6, a
 *                    {@link java.net.UnixDomainSocketAddress} for UNIX, null when the header carries no address
 * @param destination the address the client connected to (the balancer's front end), same rules as source
 * @param tlvs        v2 type-length-value fields in header order (top level; SSL sub-fields inside)
 */
public record ProxiedConnection(int version, Command command, Family family, Transport transport,
                                SocketAddress source, SocketAddress destination, List<Tlv> tlvs) {
    /** PP2_TYPE_AUTHORITY: the host name the client asked for (SNI), UTF-8. */
    public static final int TLV_AUTHORITY = 0x02;
    /** PP2_TYPE_SSL: client flags, verify result, then SSL sub-TLVs. */
    public static final int TLV_SSL = 0x20;
    /** PP2_TYPE_AWS (0xEA): AWS PrivateLink; subtype 0x01 carries the VPC endpoint id (AWS NLB docs). */
    public static final int TLV_AWS = 0xEA;
    /** Subtype byte of the AWS TLV that carries the VPC endpoint id. */
    public static final int AWS_SUBTYPE_VPCE_ID = 0x01;

    /** The PROXY command. */
    public enum Command { LOCAL, PROXY }

    /** The address family (high nibble of v2 byte 14; v1 TCP4/TCP6/UNKNOWN). */
    public enum Family { UNSPEC, INET, INET6, UNIX }

    /** The transport protocol (low nibble of v2 byte 14; v1 is always STREAM or UNSPEC). */
    public enum Transport { UNSPEC, STREAM, DGRAM }

    /**
     * One v2 TLV, value copied out of the header.
     *
     * @param type    the type byte, 0x00-0xFF
     * @param value   the value bytes (for SSL, the whole value including its sub-TLVs)
     * @param subTlvs for SSL (0x20), its sub-TLVs (0x21 version, 0x22 CN, ...); empty otherwise
     */
    public record Tlv(int type, byte[] value, List<Tlv> subTlvs) {
        public Tlv {
            value = value.clone();
            subTlvs = List.copyOf(subTlvs);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tlv t && t.type == type && Arrays.equals(t.value, value) && t.subTlvs.equals(subTlvs);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * type + Arrays.hashCode(value)) + subTlvs.hashCode();
        }

        @Override
        public String toString() {
            return "Tlv[type=0x" + Integer.toHexString(type) + ", length=" + value.length
                    + (subTlvs.isEmpty() ? "" : ", subTlvs=" + subTlvs) + "]";
        }
    }

    public ProxiedConnection {
        tlvs = List.copyOf(tlvs);
    }

    /**
     * The client's address as the header tells it, or null when the connection must use the TCP peer's
     * address instead: LOCAL command, v1 UNKNOWN, v2 UNSPEC, and UNIX sockets (no IP address to report).
     */
    public InetSocketAddress clientAddress() {
        return command == Command.PROXY && source instanceof InetSocketAddress a ? a : null;
    }

    /** True when the header names no IP client address, so the peer's address stands for the client. */
    public boolean usesPeerAddress() {
        return clientAddress() == null;
    }

    /** The value of the first top-level TLV of this type, or null. */
    public byte[] tlv(int type) {
        for (Tlv t : tlvs) {
            if (t.type() == type) {
                return t.value();
            }
        }
        return null;
    }

    /** The authority TLV (0x02) as a string, or null. */
    public String authority() {
        byte[] v = tlv(TLV_AUTHORITY);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** The AWS VPC endpoint id (TLV 0xEA, subtype 0x01), or null. */
    public String awsVpceId() {
        for (Tlv t : tlvs) {
            byte[] v = t.value;
            if (t.type() == TLV_AWS && v.length > 0 && v[0] == AWS_SUBTYPE_VPCE_ID) {
                return new String(v, 1, v.length - 1, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
