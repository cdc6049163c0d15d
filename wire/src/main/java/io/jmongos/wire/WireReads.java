package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Bounded reads of fixed-size fields and C strings; every failure is a {@link WireProtocolException}. */
final class WireReads {
    private WireReads() {
    }

    /** Fails unless {@code count} bytes remain before {@code end}. */
    static void require(ByteBuf buf, int end, int count, String what) {
        int remaining = end - buf.readerIndex();
        if (remaining < count) {
            throw new WireProtocolException(what + " needs " + count + " bytes but only " + remaining + " remain");
        }
    }

    static int readInt(ByteBuf buf, int end, String what) {
        require(buf, end, Integer.BYTES, what);
        return buf.readIntLE();
    }

    /**
     * Reads a 0x00-terminated UTF-8 string of at most {@code maxBytes} bytes (terminator excluded) that must end
     * before {@code end}.
     */
    static String readCString(ByteBuf buf, int end, int maxBytes, String what) {
        int start = buf.readerIndex();
        int searchEnd = (int) Math.min(end, (long) start + maxBytes + 1);
        int nul = searchEnd > start ? buf.indexOf(start, searchEnd, (byte) 0) : -1;
        if (nul < 0) {
            if (searchEnd < end) {
                throw new WireProtocolException(what + " exceeds " + maxBytes + " bytes");
            }
            throw new WireProtocolException(what + " is not terminated by 0x00 within its bounds");
        }
        String value = buf.toString(start, nul - start, StandardCharsets.UTF_8);
        buf.readerIndex(nul + 1);
        return value;
    }
}
