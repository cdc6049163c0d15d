package io.jmongos.wire.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireProtocolException;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Codec-level round trips across direct, heap and composite buffers, and codec-specific bounds. */
class WireCompressionCodecTest {
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    private static final AdaptiveByteBufAllocator ADAPTIVE = new AdaptiveByteBufAllocator();

    static Stream<Arguments> cases() {
        return Stream.of(WireCompressor.values()).flatMap(c -> Stream.of(
                Arguments.of(c, "heap", 0), Arguments.of(c, "direct", 1000), Arguments.of(c, "composite", 70_000),
                Arguments.of(c, "heap", 300_000), Arguments.of(c, "direct", 0), Arguments.of(c, "pooled", 5000),
                Arguments.of(c, "adaptive", 200_000)));
    }

    private static ByteBufAllocator allocator(String kind) {
        switch (kind) {
            case "pooled":
                return PooledByteBufAllocator.DEFAULT;
            case "adaptive":
                return ADAPTIVE;
            default:
                return ALLOC;
        }
    }

    private static byte[] data(int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (random.nextInt(16) + 'a');
        }
        return bytes;
    }

    private static ByteBuf buffer(String kind, byte[] bytes) {
        switch (kind) {
            case "pooled":
            case "adaptive":
                // A prefix, so the readable bytes start inside the allocator's memory, not at its beginning.
                ByteBuf pooled = allocator(kind).directBuffer(64).writeLong(-1L).writeBytes(bytes);
                pooled.skipBytes(Long.BYTES);
                return pooled;
            case "direct":
                return Unpooled.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
            case "composite":
                CompositeByteBuf composite = Unpooled.compositeBuffer();
                int half = bytes.length / 2;
                composite.addComponent(true, Unpooled.directBuffer(half + 1).writeBytes(bytes, 0, half));
                composite.addComponent(true, Unpooled.wrappedBuffer(bytes, half, bytes.length - half));
                return composite;
            default:
                return Unpooled.buffer(Math.max(1, bytes.length)).writeBytes(bytes);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void roundTrips(WireCompressor compressor, String kind, int size) {
        WireCompressionCodec codec = WireCompressionCodec.of(compressor);
        assertThat(codec.compressor()).isEqualTo(compressor);
        byte[] plain = data(size);
        ByteBuf src = buffer(kind, plain);
        ByteBuf compressed = buffer(kind, new byte[0]);
        compressed.writeByte(0x7f);
        codec.compress(src, compressed);
        assertThat(src.isReadable()).isFalse();
        assertThat(compressed.readByte()).isEqualTo((byte) 0x7f);
        ByteBuf restored = codec.decompress(compressed, size, allocator(kind));
        assertThat(compressed.isReadable()).isFalse();
        assertThat(ByteBufUtil.getBytes(restored)).isEqualTo(plain);
        restored.release();
        assertThat(src.release()).isTrue();
        assertThat(compressed.release()).isTrue();
    }

    @Test
    void zlibRejectsBytesAfterTheStream() {
        ByteBuf compressed = Unpooled.buffer();
        WireCompressionCodec.of(WireCompressor.ZLIB).compress(Unpooled.wrappedBuffer(data(100)), compressed);
        compressed.writeByte(1);
        assertThatThrownBy(() -> WireCompressionCodec.of(WireCompressor.ZLIB).decompress(compressed, 100, ALLOC))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("OP_COMPRESSED zlib payload is corrupt: 1 bytes follow the end of the zlib stream");
        compressed.release();
    }

    @Test
    void zlibNeverWritesPastTheDeclaredSize() {
        ByteBuf compressed = Unpooled.buffer();
        WireCompressionCodec.of(WireCompressor.ZLIB).compress(Unpooled.wrappedBuffer(data(5000)), compressed);
        assertThatThrownBy(() -> WireCompressionCodec.of(WireCompressor.ZLIB).decompress(compressed, 4999, ALLOC))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("OP_COMPRESSED zlib payload decompresses to more than its uncompressedSize of 4999 bytes");
        compressed.release();
    }

    @Test
    void zstdRejectsAStatedSizeAboveTheDeclaredOneBeforeAllocating() {
        ByteBuf compressed = Unpooled.buffer();
        WireCompressionCodec.of(WireCompressor.ZSTD).compress(Unpooled.wrappedBuffer(data(5000)), compressed);
        assertThatThrownBy(() -> WireCompressionCodec.of(WireCompressor.ZSTD).decompress(compressed, 10, ALLOC))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("OP_COMPRESSED zstd payload decompresses to 5000 bytes, but uncompressedSize says 10");
        compressed.release();
    }

    @Test
    void zstdRejectsDataWithoutAFrameHeader() {
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> WireCompressionCodec.of(WireCompressor.ZSTD).decompress(junk, 10, ALLOC))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("OP_COMPRESSED zstd payload is corrupt: no zstd frame header");
        junk.release();
    }

    @Test
    void snappyChecksItsPreambleBeforeAllocating() {
        ByteBuf compressed = Unpooled.directBuffer(64);
        WireCompressionCodec.of(WireCompressor.SNAPPY).compress(Unpooled.wrappedBuffer(data(40)), compressed);
        assertThatThrownBy(() -> WireCompressionCodec.of(WireCompressor.SNAPPY).decompress(compressed, 41, ALLOC))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("OP_COMPRESSED snappy payload decompresses to 40 bytes, but uncompressedSize says 41");
        compressed.release();
    }
}
