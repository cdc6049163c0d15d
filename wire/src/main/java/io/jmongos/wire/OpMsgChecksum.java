package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The OP_MSG checksum: CRC-32C (Castagnoli) over the whole message up to the checksum, header included, stored
 * as a little-endian uint32 in the last 4 bytes (MongoDB wire protocol reference, "Checksum").
 */
final class OpMsgChecksum {
    private OpMsgChecksum() {
    }

    /** CRC-32C of {@code header} followed by {@code length} bytes of {@code body} at {@code index}. */
    static int compute(byte[] header, ByteBuf body, int index, int length) {
        CRC32C crc = new CRC32C();
        crc.update(header);
        return update(crc, body, index, length);
    }

    /** CRC-32C of {@code length} bytes of {@code buf} at {@code index}. */
    static int compute(ByteBuf buf, int index, int length) {
        return update(new CRC32C(), buf, index, length);
    }

    private static int update(CRC32C crc, ByteBuf buf, int index, int length) {
        for (ByteBuffer part : buf.nioBuffers(index, length)) {
            crc.update(part);
        }
        return (int) crc.getValue();
    }

    /**
     * Verifies the checksum stored at {@code checksumAt} against the header and the body bytes from
     * {@code start} (just after the header) up to the checksum.
     *
     * @throws WireProtocolException on a mismatch
     */
    static void verify(MessageHeader header, ByteBuf body, int start, int checksumAt) {
        int expected = body.getIntLE(checksumAt);
        int actual = compute(header.toBytes(), body, start, checksumAt - start);
        if (actual != expected) {
            throw new WireProtocolException(String.format(
                    "OP_MSG checksum mismatch: message says 0x%08x, content gives 0x%08x", expected, actual));
        }
    }
}
