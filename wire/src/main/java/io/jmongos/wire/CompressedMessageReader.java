package io.jmongos.wire;

import io.jmongos.wire.compression.WireCompressionCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Unwraps OP_COMPRESSED: originalOpcode, uncompressedSize, compressorId, then the compressed message body
 * (MongoDB wire protocol reference, "OP_COMPRESSED"). The inner message gets a header rebuilt from the outer one
 * (same requestID and responseTo, the original opcode, length 16 + uncompressedSize), as MongoDB does; an OP_MSG
 * checksum inside is checked against that rebuilt message.
 */
final class CompressedMessageReader {
    /** Decodes an unwrapped inner message. */
    @FunctionalInterface
    interface InnerReader<T> {
        T read(MessageHeader header, ByteBuf body, WireCompressor compressor);
    }

    private CompressedMessageReader() {
    }

    static <T> T unwrap(MessageHeader header, ByteBuf body, ByteBufAllocator alloc, int maxMessageSize,
                        InnerReader<T> reader) {
        int end = body.writerIndex();
        WireReads.require(body, end, WireLimits.COMPRESSED_PREFIX_SIZE, "OP_COMPRESSED header fields");
        int originalOpcode = body.readIntLE();
        int uncompressedSize = body.readIntLE();
        int compressorId = body.readUnsignedByte();
        if (originalOpcode == OpCode.OP_COMPRESSED.code()) {
            throw new WireProtocolException("OP_COMPRESSED wraps another OP_COMPRESSED message");
        }
        OpCode.fromCode(originalOpcode);
        int maxUncompressed = maxMessageSize - MessageHeader.SIZE;
        if (uncompressedSize < 0 || uncompressedSize > maxUncompressed) {
            throw new WireProtocolException("OP_COMPRESSED uncompressedSize " + uncompressedSize
                    + " is outside 0.." + maxUncompressed);
        }
        WireCompressor compressor = WireCompressor.fromId(compressorId);
        MessageHeader inner = new MessageHeader(MessageHeader.SIZE + uncompressedSize, header.requestId(),
                header.responseTo(), originalOpcode);
        ByteBuf decompressed = WireCompressionCodec.of(compressor).decompress(body, uncompressedSize, alloc);
        try {
            return reader.read(inner, decompressed, compressor);
        } finally {
            decompressed.release();
        }
    }
}
