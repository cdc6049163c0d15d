package io.jmongos.wire.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.jmongos.wire.WireCompressor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * compressorId 3: Zstandard frames, as MongoDB's zstd compressor (ZSTD_compress at the library's default level).
 * A frame header that states a larger content size than uncompressedSize is refused before allocating.
 */
final class ZstdCompressionCodec implements WireCompressionCodec {
    static final ZstdCompressionCodec INSTANCE = new ZstdCompressionCodec();
    /** ZSTD_CONTENTSIZE_ERROR as zstd-jni returns it: the input does not start with a zstd frame header. */
    private static final long CONTENT_SIZE_ERROR = -2;

    private ZstdCompressionCodec() {
    }

    @Override
    public WireCompressor compressor() {
        return WireCompressor.ZSTD;
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        int length = src.readableBytes();
        int max = Math.toIntExact(Zstd.compressBound(length));
        dst.ensureWritable(max);
        int level = Zstd.defaultCompressionLevel();
        long written;
        try {
            if (CompressionBuffers.direct(src, dst)) {
                ByteBuffer in = CompressionBuffers.readableNio(src);
                ByteBuffer out = CompressionBuffers.writableNio(dst, max);
                written = Zstd.compressDirectByteBuffer(out, out.position(), max, in, in.position(), length, level);
            } else {
                CompressionBuffers.ArrayRegion in = CompressionBuffers.ArrayRegion.readable(src);
                written = CompressionBuffers.writeToArray(dst, max, (out, offset) -> Math.toIntExact(
                        Zstd.compressByteArray(out, offset, max, in.array(), in.offset(), in.length(), level)));
            }
        } catch (IOException | ZstdException e) {
            throw new IllegalStateException("zstd compression failed", e);
        }
        if (Zstd.isError(written)) {
            throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
        }
        dst.writerIndex(dst.writerIndex() + (int) written);
        src.skipBytes(length);
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int uncompressedSize, ByteBufAllocator alloc) {
        int length = src.readableBytes();
        boolean direct = CompressionBuffers.directContiguous(src);
        CompressionBuffers.ArrayRegion in = direct ? null : CompressionBuffers.ArrayRegion.readable(src);
        long stated = direct ? Zstd.getFrameContentSize(CompressionBuffers.readableNio(src))
                : Zstd.getFrameContentSize(in.array(), in.offset(), in.length());
        if (stated == CONTENT_SIZE_ERROR) {
            throw CompressionBuffers.corrupt(WireCompressor.ZSTD, "no zstd frame header", null);
        }
        // A stated size below uncompressedSize may be the first of several frames; decompression settles it.
        if (stated > uncompressedSize) {
            throw CompressionBuffers.sizeMismatch(WireCompressor.ZSTD, stated, uncompressedSize);
        }
        ByteBuf out = direct ? alloc.directBuffer(uncompressedSize, uncompressedSize)
                : alloc.heapBuffer(uncompressedSize, uncompressedSize);
        try {
            long produced;
            if (direct) {
                ByteBuffer source = CompressionBuffers.readableNio(src);
                ByteBuffer target = out.nioBuffer(0, uncompressedSize);
                produced = Zstd.decompressDirectByteBuffer(target, target.position(), uncompressedSize,
                        source, source.position(), length);
            } else {
                produced = CompressionBuffers.writeToArray(out, uncompressedSize, (dst, offset) -> Math.toIntExact(
                        Zstd.decompressByteArray(dst, offset, uncompressedSize, in.array(), in.offset(), length)));
            }
            if (Zstd.isError(produced)) {
                throw CompressionBuffers.corrupt(WireCompressor.ZSTD, Zstd.getErrorName(produced), null);
            }
            if (produced != uncompressedSize) {
                throw CompressionBuffers.sizeMismatch(WireCompressor.ZSTD, produced, uncompressedSize);
            }
            out.writerIndex((int) produced);
            src.skipBytes(length);
            ByteBuf result = out;
            out = null;
            return result;
        } catch (ZstdException | IOException e) {
            throw CompressionBuffers.corrupt(WireCompressor.ZSTD, e.getMessage(), e);
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }
}
