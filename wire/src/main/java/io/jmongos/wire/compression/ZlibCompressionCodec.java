package io.jmongos.wire.compression;

import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * compressorId 2: a zlib stream (RFC 1950), as MongoDB's zlib compressor, through java.util.zip. Inflation never
 * writes past uncompressedSize, and a size that deflate cannot reach from the payload is refused before allocating.
 */
final class ZlibCompressionCodec implements WireCompressionCodec {
    static final ZlibCompressionCodec INSTANCE = new ZlibCompressionCodec();
    /** Deflate's largest possible expansion, 1032:1 (zlib technical details, "Maximum compression factor"). */
    private static final long MAX_EXPANSION = 1032;
    /** Room to grow the output by while deflating, per step. */
    private static final int MIN_DEFLATE_STEP = 256;

    private ZlibCompressionCodec() {
    }

    @Override
    public WireCompressor compressor() {
        return WireCompressor.ZLIB;
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        int length = src.readableBytes();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(CompressionBuffers.readableNio(src));
            deflater.finish();
            byte[] scratch = dst.isContiguous() ? null : new byte[Math.max(MIN_DEFLATE_STEP, length / 2)];
            while (!deflater.finished()) {
                if (scratch != null) {
                    dst.writeBytes(scratch, 0, deflater.deflate(scratch));
                    continue;
                }
                dst.ensureWritable(Math.max(MIN_DEFLATE_STEP, length / 2));
                ByteBuffer out = CompressionBuffers.writableNio(dst, dst.writableBytes());
                int before = out.position();
                deflater.deflate(out);
                dst.writerIndex(dst.writerIndex() + out.position() - before);
            }
        } finally {
            deflater.end();
        }
        src.skipBytes(length);
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int uncompressedSize, ByteBufAllocator alloc) {
        int length = src.readableBytes();
        if (uncompressedSize > (length + 1L) * MAX_EXPANSION) {
            throw new WireProtocolException("OP_COMPRESSED zlib payload of " + length
                    + " bytes cannot decompress to its uncompressedSize of " + uncompressedSize + " bytes");
        }
        ByteBuf out = CompressionBuffers.allocateFor(src, uncompressedSize, alloc);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(CompressionBuffers.readableNio(src));
            ByteBuffer target = out.nioBuffer(0, uncompressedSize);
            int start = target.position();
            inflate(inflater, target, uncompressedSize);
            if (inflater.getRemaining() > 0) {
                throw CompressionBuffers.corrupt(WireCompressor.ZLIB,
                        inflater.getRemaining() + " bytes follow the end of the zlib stream", null);
            }
            int produced = target.position() - start;
            if (produced != uncompressedSize) {
                throw CompressionBuffers.sizeMismatch(WireCompressor.ZLIB, produced, uncompressedSize);
            }
            out.writerIndex(produced);
            src.skipBytes(length);
            ByteBuf result = out;
            out = null;
            return result;
        } catch (DataFormatException e) {
            throw CompressionBuffers.corrupt(WireCompressor.ZLIB, String.valueOf(e.getMessage()), e);
        } finally {
            inflater.end();
            if (out != null) {
                out.release();
            }
        }
    }

    private static void inflate(Inflater inflater, ByteBuffer target, int uncompressedSize)
            throws DataFormatException {
        while (!inflater.finished()) {
            int produced = inflater.inflate(target);
            if (inflater.finished()) {
                return;
            }
            if (!target.hasRemaining()) {
                if (inflater.inflate(new byte[1]) > 0) {
                    throw CompressionBuffers.oversize(WireCompressor.ZLIB, uncompressedSize);
                }
                if (inflater.finished()) {
                    return;
                }
            }
            if (inflater.needsDictionary()) {
                throw CompressionBuffers.corrupt(WireCompressor.ZLIB, "a preset dictionary is required", null);
            }
            if (inflater.needsInput()) {
                throw CompressionBuffers.corrupt(WireCompressor.ZLIB, "the zlib stream is truncated", null);
            }
            if (produced == 0 && target.hasRemaining()) {
                throw CompressionBuffers.corrupt(WireCompressor.ZLIB, "inflation makes no progress", null);
            }
        }
    }
}
