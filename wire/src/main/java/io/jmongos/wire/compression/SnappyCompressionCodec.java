package io.jmongos.wire.compression;

import io.jmongos.wire.WireCompressor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/** compressorId 1: raw Snappy (no framing), as MongoDB's snappy compressor. Its preamble states the size. */
final class SnappyCompressionCodec implements WireCompressionCodec {
    static final SnappyCompressionCodec INSTANCE = new SnappyCompressionCodec();

    private SnappyCompressionCodec() {
    }

    @Override
    public WireCompressor compressor() {
        return WireCompressor.SNAPPY;
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        int length = src.readableBytes();
        int max = Snappy.maxCompressedLength(length);
        dst.ensureWritable(max);
        try {
            int written;
            if (CompressionBuffers.direct(src, dst)) {
                written = Snappy.compress(CompressionBuffers.readableNio(src),
                        CompressionBuffers.writableNio(dst, max));
            } else {
                CompressionBuffers.ArrayRegion in = CompressionBuffers.ArrayRegion.readable(src);
                written = CompressionBuffers.writeToArray(dst, max,
                        (out, offset) -> Snappy.compress(in.array(), in.offset(), in.length(), out, offset));
            }
            dst.writerIndex(dst.writerIndex() + written);
            src.skipBytes(length);
        } catch (IOException | SnappyError e) {
            throw new IllegalStateException("snappy compression failed", e);
        }
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int uncompressedSize, ByteBufAllocator alloc) {
        ByteBuf out = null;
        try {
            int produced;
            if (CompressionBuffers.directContiguous(src)) {
                checkStatedSize(Snappy.uncompressedLength(CompressionBuffers.readableNio(src)), uncompressedSize);
                out = alloc.directBuffer(uncompressedSize, uncompressedSize);
                produced = Snappy.uncompress(CompressionBuffers.readableNio(src), out.nioBuffer(0, uncompressedSize));
            } else {
                CompressionBuffers.ArrayRegion in = CompressionBuffers.ArrayRegion.readable(src);
                checkStatedSize(Snappy.uncompressedLength(in.array(), in.offset(), in.length()), uncompressedSize);
                out = alloc.heapBuffer(uncompressedSize, uncompressedSize);
                produced = CompressionBuffers.writeToArray(out, uncompressedSize,
                        (dst, offset) -> Snappy.uncompress(in.array(), in.offset(), in.length(), dst, offset));
            }
            if (produced != uncompressedSize) {
                throw CompressionBuffers.sizeMismatch(WireCompressor.SNAPPY, produced, uncompressedSize);
            }
            out.writerIndex(produced);
            src.skipBytes(src.readableBytes());
            ByteBuf result = out;
            out = null;
            return result;
        } catch (IOException | SnappyError e) {
            throw CompressionBuffers.corrupt(WireCompressor.SNAPPY, String.valueOf(e.getMessage()), e);
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    private static void checkStatedSize(int stated, int uncompressedSize) {
        if (stated != uncompressedSize) {
            throw CompressionBuffers.sizeMismatch(WireCompressor.SNAPPY, stated, uncompressedSize);
        }
    }
}
