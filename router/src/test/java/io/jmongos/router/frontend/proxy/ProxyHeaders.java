package io.jmongos.router.frontend.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds PROXY protocol headers byte by byte for tests (spec: HAProxy doc/proxy-protocol.txt). */
final class ProxyHeaders {
    static final int V2_PROXY = 0x21;
    static final int V2_LOCAL = 0x20;
    static final int TCP4 = 0x11;
    static final int TCP6 = 0x21;
    static final int UNIX_STREAM = 0x31;
    static final int UNSPEC = 0x00;

    private ProxyHeaders() {
    }

    static byte[] v1(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 header: signature, version/command byte, family byte, the given body (length computed). */
    static byte[] v2(int verCmd, int family, byte[] body) {
        return v2(verCmd, family, body.length, body);
    }

    /** A v2 header whose length field says {@code length} whatever the body holds. */
    static byte[] v2(int verCmd, int family, int length, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProxyProtocolSignature.V2);
        out.write(verCmd);
        out.write(family);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] inet4(int a, int b, int c, int d, int e, int f, int g, int h, int srcPort, int dstPort) {
        return concat(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f, (byte) g, (byte) h},
                port(srcPort), port(dstPort));
    }

    static byte[] inet6(byte[] src, byte[] dst, int srcPort, int dstPort) {
        return concat(src, dst, port(srcPort), port(dstPort));
    }

    /** Two 108-byte NUL-padded paths. */
    static byte[] unix(String src, String dst) {
        byte[] out = new byte[216];
        byte[] s = src.getBytes(StandardCharsets.US_ASCII);
        byte[] d = dst.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, out, 0, s.length);
        System.arraycopy(d, 0, out, 108, d.length);
        return out;
    }

    static byte[] tlv(int type, byte[] value) {
        return concat(new byte[] {(byte) type, (byte) (value.length >> 8), (byte) value.length}, value);
    }

    static byte[] tlv(int type, String value) {
        return tlv(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** PP2_TYPE_SSL: client flags, verify (0 = verified), then sub-TLVs. */
    static byte[] sslTlv(int client, int verify, byte[]... subTlvs) {
        byte[] fixed = {(byte) client, (byte) (verify >> 24), (byte) (verify >> 16), (byte) (verify >> 8),
            (byte) verify};
        return tlv(0x20, concat(fixed, concat(subTlvs)));
    }

    static byte[] port(int p) {
        return new byte[] {(byte) (p >> 8), (byte) p};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
