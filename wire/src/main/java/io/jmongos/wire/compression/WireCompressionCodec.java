package io.jmongos.wire.compression;

import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One OP_COMPRESSED compressor. Implementations use direct memory when both sides are direct buffers and byte
 * arrays otherwise; they are stateless and thread-safe.
 */
public interface WireCompressionCodec {
    /** The compressor this codec implements. */
    WireCompressor compressor();

    /** Compresses all readable bytes of {@code src} (consuming them) and appends the result to {@code dst}. */
    void compress(ByteBuf src, ByteBuf dst);

    /**
     * Decompresses all readable bytes of {@code src} (consuming them) into a new buffer of exactly
     * {@code uncompressedSize} readable bytes, which the caller must release. The output never grows beyond
     * {@code uncompressedSize}; where the compressed data states its size, it is checked before allocating.
     *
     * @throws WireProtocolException when the data is corrupt or does not decompress to exactly that size
     */
    ByteBuf decompress(ByteBuf src, int uncompressedSize, ByteBufAllocator alloc);

    /** The codec for {@code compressor}. */
    static WireCompressionCodec of(WireCompressor compressor) {
        switch (compressor) {
            case NOOP:
                return NoopCompressionCodec.INSTANCE;
            case SNAPPY:
                return SnappyCompressionCodec.INSTANCE;
            case ZLIB:
                return ZlibCompressionCodec.INSTANCE;
            case ZSTD:
                return ZstdCompressionCodec.INSTANCE;
            default:
                throw new IllegalArgumentException("no codec for " + compressor);
        }
    }
}
