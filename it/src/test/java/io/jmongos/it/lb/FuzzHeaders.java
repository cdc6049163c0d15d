package io.jmongos.it.lb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.wire.client.BlockingWireClient;

/**
 * Random and mutated PROXY headers for the fuzz test. Each case comes from its own {@link Random}, so a
 * case is reproduced from (seed, index) alone whatever the thread that sends it.
 */
final class FuzzHeaders {
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] HELLO_THEN_PING = concat(
            BlockingWireClient.encode(1, new BsonDocument("hello", new BsonInt32(1))
                    .append("loadBalanced", BsonBoolean.TRUE).append("$db", new BsonString("admin"))),
            BlockingWireClient.encode(2, new BsonDocument("ping", new BsonInt32(1))
                    .append("$db", new BsonString("admin"))));

    private FuzzHeaders() {
    }

    /** The bytes of case {@code index} for {@code seed}. */
    static byte[] generate(long seed, int index) {
        Random r = new Random(seed * 1_000_003L + index);
        int kind = r.nextInt(100);
        byte[] bytes;
        if (kind < 15) {
            bytes = validHeader(r);
        } else if (kind < 70) {
            bytes = mutate(r, validHeader(r));
        } else if (kind < 80) {
            bytes = concat(validHeader(r), HELLO_THEN_PING);
        } else if (kind < 90) {
            bytes = signaturePrefixThenJunk(r);
        } else {
            bytes = randomBytes(r, r.nextInt(300));
        }
        return bytes;
    }

    static byte[] validHeader(Random r) {
        return r.nextBoolean() ? validV1(r) : validV2(r);
    }

    static byte[] validV1(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> ascii("PROXY TCP4 " + ipv4(r) + " " + ipv4(r) + " " + port(r) + " " + port(r) + "\r\n");
            case 1 -> ascii("PROXY TCP6 " + ipv6(r) + " " + ipv6(r) + " " + port(r) + " " + port(r) + "\r\n");
            case 2 -> ascii("PROXY UNKNOWN\r\n");
            default -> ascii("PROXY UNKNOWN " + ipv6(r) + " " + ipv4(r) + " " + port(r) + " " + port(r) + "\r\n");
        };
    }

    static byte[] validV2(Random r) {
        boolean local = r.nextInt(5) == 0;
        int family = local ? 0 : new int[] {0x11, 0x12, 0x21, 0x22, 0x31, 0x32, 0x00}[r.nextInt(7)];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (family >> 4) {
            case 1 -> body.writeBytes(randomBytes(r, 12));
            case 2 -> body.writeBytes(randomBytes(r, 36));
            case 3 -> {
                byte[] unix = new byte[216];
                byte[] path = ascii("/tmp/s" + r.nextInt(1000) + ".sock");
                System.arraycopy(path, 0, unix, 0, path.length);
                System.arraycopy(path, 0, unix, 108, path.length);
                body.writeBytes(unix);
            }
            default -> {
            }
        }
        if (family != 0) {
            int tlvs = r.nextInt(5);
            for (int i = 0; i < tlvs; i++) {
                body.writeBytes(tlv(r));
            }
            if (r.nextInt(20) == 0) {
                body.writeBytes(tlv(0xE0 + r.nextInt(16), randomBytes(r, 3000 + r.nextInt(2000))));
            }
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(local ? 0x20 : 0x21);
        out.write(family);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] tlv(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> tlv(0x02, ascii("host" + r.nextInt(100) + ".example.com"));
            case 1 -> tlv(0x20, concat(new byte[] {7, 0, 0, 0, 0},
                    tlv(0x21, ascii("TLSv1.3")), tlv(0x22, ascii("CN=c" + r.nextInt(9)))));
            case 2 -> tlv(0xEA, concat(new byte[] {1}, ascii("vpce-0" + Long.toHexString(r.nextLong()))));
            case 3 -> tlv(0x04, new byte[r.nextInt(8)]);
            case 4 -> tlv(0xE0 + r.nextInt(16), randomBytes(r, r.nextInt(64)));
            default -> tlv(r.nextInt(256), randomBytes(r, r.nextInt(32)));
        };
    }

    private static byte[] tlv(int type, byte[] value) {
        return concat(new byte[] {(byte) type, (byte) (value.length >> 8), (byte) value.length},
                value);
    }

    /** One to three mutations of a valid header. */
    static byte[] mutate(Random r, byte[] in) {
        byte[] b = in;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && b.length > 0; i++) {
            int pos = r.nextInt(b.length);
            b = switch (r.nextInt(8)) {
                case 0 -> flip(r, b, pos);
                case 1 -> Arrays.copyOf(b, pos);
                case 2 -> insert(b, pos, randomBytes(r, 1 + r.nextInt(8)));
                case 3 -> delete(b, pos, 1 + r.nextInt(Math.min(8, b.length - pos)));
                case 4 -> setV2Length(r, b);
                case 5 -> setByte(b, Math.min(b.length - 1, 12 + r.nextInt(2)), r.nextInt(256));
                case 6 -> concat(b, randomBytes(r, r.nextInt(40)));
                default -> replaceToken(r, b);
            };
        }
        return b;
    }

    private static byte[] signaturePrefixThenJunk(Random r) {
        byte[] sig = r.nextBoolean() ? ascii("PROXY ") : V2_SIGNATURE;
        return concat(Arrays.copyOf(sig, 1 + r.nextInt(sig.length)), randomBytes(r, r.nextInt(120)));
    }

    private static byte[] flip(Random r, byte[] b, int pos) {
        byte[] c = b.clone();
        c[pos] ^= (byte) (1 << r.nextInt(8));
        return c;
    }

    private static byte[] setByte(byte[] b, int pos, int value) {
        byte[] c = b.clone();
        c[pos] = (byte) value;
        return c;
    }

    private static byte[] setV2Length(Random r, byte[] b) {
        if (b.length < 16 || b[0] != 0x0D) {
            return flip(r, b, r.nextInt(b.length));
        }
        byte[] c = b.clone();
        int len = r.nextBoolean() ? r.nextInt(65536) : Math.max(0, (b.length - 16) + r.nextInt(9) - 4);
        c[14] = (byte) (len >> 8);
        c[15] = (byte) len;
        return c;
    }

    private static byte[] replaceToken(Random r, byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] tokens = s.split(" ", -1);
        if (tokens.length < 2) {
            return flip(r, b, r.nextInt(b.length));
        }
        String[] choices = {"", "TCP5", "UDP4", "256.1.1.1", "::g", "65536", "-1", "0", "99999999999", "  ", "\r\n",
            "1.2.3.4", "::1", "UNKNOWN", "PROXY"};
        tokens[r.nextInt(tokens.length)] = choices[r.nextInt(choices.length)];
        return String.join(" ", tokens).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] insert(byte[] b, int pos, byte[] ins) {
        return concat(Arrays.copyOf(b, pos), ins, Arrays.copyOfRange(b, pos, b.length));
    }

    private static byte[] delete(byte[] b, int pos, int n) {
        return concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, Math.min(b.length, pos + n),
                b.length));
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String ipv4(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String ipv6(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i == 0 ? "" : ":").append(Integer.toHexString(r.nextInt(65536)));
        }
        return sb.toString();
    }

    private static int port(Random r) {
        return 1 + r.nextInt(65535);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
