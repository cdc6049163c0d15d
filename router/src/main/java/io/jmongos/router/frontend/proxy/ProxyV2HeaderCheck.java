package io.jmongos.router.frontend.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Checks the structure of a v2 (binary) PROXY header before it is decoded: version and command nibbles,
 * family/transport byte, the length against the cap and the addresses, and that every TLV (and SSL sub-TLV)
 * lies inside the header. A wrong fixed field is reported as soon as its 16 bytes are in, without waiting
 * for the rest. Offsets and values from the HAProxy PROXY protocol specification, section 2.2.
 */
final class ProxyV2HeaderCheck {
    /** Signature (12) + version/command (1) + family/transport (1) + length (2). */
    static final int FIXED_BYTES = 16;
    /** Offset of the version (high nibble) / command (low nibble) byte. */
    private static final int VER_CMD_OFFSET = 12;
    /** Offset of the family (high nibble) / transport (low nibble) byte. */
    private static final int FAM_OFFSET = 13;
    /** Offset of the big-endian 16-bit length of what follows the fixed part. */
    private static final int LENGTH_OFFSET = 14;
    /** The only version this format carries: 2. */
    private static final int VERSION_2 = 0x2;
    private static final int CMD_LOCAL = 0x0;
    private static final int CMD_PROXY = 0x1;
    /** Address block sizes: IPv4 4+4+2+2, IPv6 16+16+2+2, UNIX 108+108 (spec 2.2). */
    private static final int[] ADDRESS_BYTES_BY_FAMILY = {0, 12, 36, 216};
    /** A TLV is type (1) + length (2) + value. */
    private static final int TLV_HEADER_BYTES = 3;
    /** PP2_TYPE_SSL value starts with client (1) and verify (4) before its sub-TLVs. */
    private static final int SSL_FIXED_BYTES = 5;
    private static final int TYPE_SSL = 0x20;

    /** The result of a check. */
    record Verdict(boolean complete, int headerBytes, ProxyProtocolRejection reason, String error) {
        static final Verdict NEED_MORE = new Verdict(false, 0, null, null);

        boolean ok() {
            return complete && reason == null;
        }

        static Verdict ok(int headerBytes) {
            return new Verdict(true, headerBytes, null, null);
        }

        static Verdict bad(ProxyProtocolRejection reason, String error) {
            return new Verdict(true, 0, reason, error);
        }
    }

    private ProxyV2HeaderCheck() {
    }

    /** Check the v2 header at the reader index of {@code in}, whose first 12 bytes are the v2 signature. */
    static Verdict check(ByteBuf in, int maxHeaderBytes) {
        if (in.readableBytes() < FIXED_BYTES) {
            return Verdict.NEED_MORE;
        }
        int start = in.readerIndex();
        int verCmd = in.getUnsignedByte(start + VER_CMD_OFFSET);
        if (verCmd >> 4 != VERSION_2) {
            return malformed("unsupported version nibble 0x" + Integer.toHexString(verCmd >> 4) + " (expected 0x2)");
        }
        int command = verCmd & 0x0F;
        if (command != CMD_LOCAL && command != CMD_PROXY) {
            return malformed("unsupported command nibble 0x" + Integer.toHexString(command)
                    + " (expected 0x0 LOCAL or 0x1 PROXY)");
        }
        int length = in.getUnsignedShort(start + LENGTH_OFFSET);
        int headerBytes = FIXED_BYTES + length;
        if (headerBytes > maxHeaderBytes) {
            return Verdict.bad(ProxyProtocolRejection.OVERSIZED, "header of " + headerBytes
                    + " bytes is over the limit of " + maxHeaderBytes + " (proxyProtocolMaxHeaderBytes)");
        }
        int addressBytes = 0;
        if (command == CMD_PROXY) {
            int famTransport = in.getUnsignedByte(start + FAM_OFFSET);
            int family = famTransport >> 4;
            int transport = famTransport & 0x0F;
            boolean validPair = famTransport == 0 || (family >= 1 && family <= 3 && transport >= 1 && transport <= 2);
            if (!validPair) {
                return malformed("unsupported family/transport byte 0x" + Integer.toHexString(famTransport));
            }
            addressBytes = ADDRESS_BYTES_BY_FAMILY[family];
            if (length < addressBytes) {
                return malformed("length " + length + " is shorter than the " + addressBytes
                        + " address bytes of family 0x" + Integer.toHexString(family));
            }
        }
        if (in.readableBytes() < headerBytes) {
            return Verdict.NEED_MORE;
        }
        if (command == CMD_PROXY && addressBytes > 0) {
            String tlvError = checkTlvs(in, start + FIXED_BYTES + addressBytes, start + headerBytes, 0);
            if (tlvError != null) {
                return malformed(tlvError);
            }
        }
        return Verdict.ok(headerBytes);
    }

    /** Each TLV in [from, end) must fit; SSL values must hold their 5 fixed bytes and fitting sub-TLVs. */
    private static String checkTlvs(ByteBuf in, int from, int end, int depth) {
        int i = from;
        while (i < end) {
            if (end - i < TLV_HEADER_BYTES) {
                return "truncated TLV header: " + (end - i) + " bytes left at offset " + i;
            }
            int type = in.getUnsignedByte(i);
            int len = in.getUnsignedShort(i + 1);
            int valueStart = i + TLV_HEADER_BYTES;
            if (valueStart + len > end) {
                return "TLV 0x" + Integer.toHexString(type) + " of length " + len + " overruns the header by "
                        + (valueStart + len - end) + " bytes";
            }
            if (type == TYPE_SSL) {
                if (len < SSL_FIXED_BYTES) {
                    return "SSL TLV of length " + len + " is shorter than its " + SSL_FIXED_BYTES + " fixed bytes";
                }
                String sub = checkTlvs(in, valueStart + SSL_FIXED_BYTES, valueStart + len, depth + 1);
                if (sub != null) {
                    return "in SSL TLV: " + sub;
                }
            }
            i = valueStart + len;
        }
        return null;
    }

    private static Verdict malformed(String error) {
        return Verdict.bad(ProxyProtocolRejection.MALFORMED, error);
    }
}
