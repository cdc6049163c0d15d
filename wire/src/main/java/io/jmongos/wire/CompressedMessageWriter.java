package io.jmongos.wire;

import io.jmongos.wire.compression.WireCompressionCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * Writes a message either as is ({@link WireCompressor#NOOP}) or wrapped in OP_COMPRESSED: the plain message is
 * written to a pooled scratch buffer, then its body (after the 16-byte header) is compressed into the output.
 * The wrapper keeps the inner message's requestID and responseTo.
 */
final class CompressedMessageWriter {
    private CompressedMessageWriter() {
    }

    /** Writes the message {@code writer} produces into {@code out}, compressed with {@code compressor}. */
    static void write(ByteBuf out, ByteBufAllocator alloc, WireCompressor compressor, Consumer<ByteBuf> writer) {
        if (compressor == WireCompressor.NOOP) {
            writer.accept(out);
            return;
        }
        ByteBuf plain = alloc.buffer();
        try {
            writer.accept(plain);
            wrap(out, plain, compressor);
        } finally {
            plain.release();
        }
    }

    private static void wrap(ByteBuf out, ByteBuf plain, WireCompressor compressor) {
        int at = plain.readerIndex();
        int requestId = plain.getIntLE(at + 4);
        int responseTo = plain.getIntLE(at + 8);
        int originalOpcode = plain.getIntLE(at + 12);
        int start = MessageHeader.writePlaceholder(out, requestId, responseTo, OpCode.OP_COMPRESSED);
        out.writeIntLE(originalOpcode);
        out.writeIntLE(plain.readableBytes() - MessageHeader.SIZE);
        out.writeByte(compressor.id());
        plain.skipBytes(MessageHeader.SIZE);
        WireCompressionCodec.of(compressor).compress(plain, out);
        MessageHeader.patchLength(out, start, 0);
    }
}
