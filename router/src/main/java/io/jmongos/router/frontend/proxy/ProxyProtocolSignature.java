package io.jmongos.router.frontend.proxy;

import io.netty.buffer.ByteBuf;

/**
 * The two signatures that can start a PROXY protocol stream, matched byte by byte so a stream that
 * cannot be a PROXY header is recognised on its first byte that differs.
 * Numbers from the HAProxy PROXY protocol specification (doc/proxy-protocol.txt, sections 2.1 and 2.2).
 */
public final class ProxyProtocolSignature {
    /** Version 1 (text) starts with the six characters {@code "PROXY "} (spec 2.1). */
    static final byte[] V1 = {'P', 'R', 'O', 'X', 'Y', ' '};

    /** Version 2 (binary) starts with this 12-byte signature, {@code \r\n\r\n\0\r\nQUIT\n} (spec 2.2). */
    static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /** The most bytes needed to tell whether a stream starts with either signature. */
    public static final int MAX_SIGNATURE_BYTES = V2.length;

    /** What the first bytes of a stream say. */
    public enum Match {
        /** The whole v1 signature is there. */
        V1,
        /** The whole v2 signature is there. */
        V2,
        /** What is there so far is the start of a signature: wait for more bytes. */
        NEED_MORE,
        /** The bytes cannot start a PROXY header. */
        NONE
    }

    private ProxyProtocolSignature() {
    }

    /** Match the readable bytes of {@code in} (not consumed) against both signatures. */
    public static Match match(ByteBuf in) {
        int n = in.readableBytes();
        if (n == 0) {
            return Match.NEED_MORE;
        }
        byte first = in.getByte(in.readerIndex());
        if (first == V1[0]) {
            return prefixMatch(in, V1, Match.V1);
        }
        if (first == V2[0]) {
            return prefixMatch(in, V2, Match.V2);
        }
        return Match.NONE;
    }

    private static Match prefixMatch(ByteBuf in, byte[] signature, Match whole) {
        int n = Math.min(in.readableBytes(), signature.length);
        int start = in.readerIndex();
        for (int i = 0; i < n; i++) {
            if (in.getByte(start + i) != signature[i]) {
                return Match.NONE;
            }
        }
        return n == signature.length ? whole : Match.NEED_MORE;
    }
}
