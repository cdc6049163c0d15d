package io.jmongos.wire.compression;

import io.jmongos.wire.WireCompressor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** compressorId 0: the payload is the message body as is. Decompression is a zero-copy slice. */
final class NoopCompressionCodec implements WireCompressionCodec {
    static final NoopCompressionCodec INSTANCE = new NoopCompressionCodec();

    private NoopCompressionCodec() {
    }

    @Override
    public WireCompressor compressor() {
        return WireCompressor.NOOP;
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        dst.writeBytes(src);
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int uncompressedSize, ByteBufAllocator alloc) {
        if (src.readableBytes() != uncompressedSize) {
            throw CompressionBuffers.sizeMismatch(WireCompressor.NOOP, src.readableBytes(), uncompressedSize);
        }
        return src.readRetainedSlice(uncompressedSize);
    }
}
