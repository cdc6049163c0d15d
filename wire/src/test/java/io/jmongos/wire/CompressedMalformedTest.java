package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static io.jmongos.wire.WireAssertions.assertServerRejects;

import io.jmongos.wire.compression.WireCompressionCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One negative test per malformed OP_COMPRESSED field; each also checks that no buffer leaked. */
class CompressedMalformedTest {
    /** The body (after the header) of a valid OP_MSG ping. */
    private static byte[] pingBody() {
        ByteBuf message = RawMessage.opMsg(0).body(doc("{ping: 1, $db: 'admin'}")).build();
        byte[] body = ByteBufUtil.getBytes(message, MessageHeader.SIZE, message.readableBytes() - MessageHeader.SIZE);
        message.release();
        return body;
    }

    private static byte[] compress(WireCompressor compressor, byte[] plain) {
        ByteBuf src = Unpooled.wrappedBuffer(plain);
        ByteBuf dst = Unpooled.buffer();
        WireCompressionCodec.of(compressor).compress(src, dst);
        byte[] bytes = ByteBufUtil.getBytes(dst);
        src.release();
        dst.release();
        return bytes;
    }

    private static ByteBuf compressed(int originalOpcode, int uncompressedSize, int compressorId, byte[] payload) {
        return RawMessage.header(9, 0, OpCode.OP_COMPRESSED.code())
                .int32(originalOpcode).int32(uncompressedSize).byte8(compressorId).bytes(payload).build();
    }

    @Test
    void rejectsUnknownCompressorId() {
        byte[] body = pingBody();
        assertServerRejects(compressed(2013, body.length, 9, body), "unknown compressor id 9");
    }

    @ParameterizedTest
    @EnumSource(WireCompressor.class)
    void rejectsUncompressedSizeTooLarge(WireCompressor compressor) {
        byte[] body = pingBody();
        assertServerRejects(compressed(2013, body.length + 1, compressor.id(), compress(compressor, body)),
                "OP_COMPRESSED " + compressor.handshakeName() + " payload decompresses to");
    }

    @ParameterizedTest
    @EnumSource(WireCompressor.class)
    void rejectsUncompressedSizeTooSmall(WireCompressor compressor) {
        byte[] body = pingBody();
        assertServerRejects(compressed(2013, body.length - 1, compressor.id(), compress(compressor, body)),
                "OP_COMPRESSED " + compressor.handshakeName() + " payload decompresses to");
    }

    @ParameterizedTest
    @EnumSource(value = WireCompressor.class, names = {"SNAPPY", "ZLIB", "ZSTD"})
    void rejectsCorruptPayload(WireCompressor compressor) {
        byte[] body = pingBody();
        byte[] payload = compress(compressor, body);
        for (int i = 0; i < payload.length; i += 2) {
            payload[i] = (byte) ~payload[i];
        }
        assertServerRejects(compressed(2013, body.length, compressor.id(), payload), "OP_COMPRESSED");
    }

    @ParameterizedTest
    @EnumSource(value = WireCompressor.class, names = {"SNAPPY", "ZLIB", "ZSTD"})
    void rejectsTruncatedPayload(WireCompressor compressor) {
        byte[] body = pingBody();
        byte[] payload = compress(compressor, body);
        byte[] truncated = java.util.Arrays.copyOf(payload, payload.length - 3);
        assertServerRejects(compressed(2013, body.length, compressor.id(), truncated), "OP_COMPRESSED");
    }

    @Test
    void rejectsOversizeDeclaredSize() {
        assertServerRejects(compressed(2013, 48_000_000, WireCompressor.ZLIB.id(), new byte[] {1}),
                "OP_COMPRESSED uncompressedSize 48000000 is outside 0..47999984");
    }

    @Test
    void rejectsNegativeDeclaredSize() {
        assertServerRejects(compressed(2013, -1, WireCompressor.SNAPPY.id(), new byte[] {1}),
                "OP_COMPRESSED uncompressedSize -1 is outside 0..47999984");
    }

    @Test
    void rejectsZlibSizeItCannotReach() {
        assertServerRejects(compressed(2013, 40_000_000, WireCompressor.ZLIB.id(), new byte[10]),
                "OP_COMPRESSED zlib payload of 10 bytes cannot decompress to its uncompressedSize of 40000000 bytes");
    }

    @Test
    void rejectsNestedCompression() {
        byte[] body = pingBody();
        assertServerRejects(compressed(2012, body.length, 0, body), "OP_COMPRESSED wraps another OP_COMPRESSED");
    }

    @Test
    void rejectsUnknownInnerOpcode() {
        byte[] body = pingBody();
        assertServerRejects(compressed(2002, body.length, 0, body), "legacy opcode 2002 (OP_INSERT)");
    }

    @Test
    void rejectsTruncatedCompressedFields() {
        assertServerRejects(RawMessage.header(9, 0, 2012).int32(2013).int32(5).build(),
                "OP_COMPRESSED header fields needs 9 bytes but only 8 remain");
    }

    @Test
    void rejectsMalformedInnerMessage() {
        byte[] inner = RawMessage.bson(doc("{ping: 1}"));
        byte[] body = new byte[4 + 1 + inner.length];
        body[4] = 3;
        System.arraycopy(inner, 0, body, 5, inner.length);
        assertServerRejects(compressed(2013, body.length, WireCompressor.ZSTD.id(),
                compress(WireCompressor.ZSTD, body)), "OP_MSG has unknown section kind 3");
    }

    @Test
    void rejectsChecksumMismatchInsideCompression() {
        ByteBuf plain = RawMessage.opMsg(OpMsgFlags.CHECKSUM_PRESENT).body(doc("{ping: 1}")).buildWithChecksum(7);
        byte[] body = ByteBufUtil.getBytes(plain, MessageHeader.SIZE, plain.readableBytes() - MessageHeader.SIZE);
        plain.release();
        assertServerRejects(compressed(2013, body.length, WireCompressor.SNAPPY.id(),
                compress(WireCompressor.SNAPPY, body)), "OP_MSG checksum mismatch");
    }
}
