package io.jmongos.wire.compression;

import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Buffer plumbing shared by the codecs: direct-or-array paths, output allocation, error messages. */
final class CompressionBuffers {
    /** Writes into {@code out} from {@code offset} and returns the number of bytes written. */
    @FunctionalInterface
    interface ArrayWriter {
        int write(byte[] out, int offset) throws IOException;
    }

    /** A byte array region holding a buffer's readable bytes. */
    record ArrayRegion(byte[] array, int offset, int length) {
        /** The buffer's own array when it has one, else a copy of its readable bytes. */
        static ArrayRegion readable(ByteBuf buf) {
            if (buf.hasArray()) {
                return new ArrayRegion(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
            }
            byte[] copy = ByteBufUtil.getBytes(buf);
            return new ArrayRegion(copy, 0, copy.length);
        }
    }

    private CompressionBuffers() {
    }

    /** Whether both buffers are direct and contiguous, so native code can work on their memory in place. */
    static boolean direct(ByteBuf a, ByteBuf b) {
        return directContiguous(a) && directContiguous(b);
    }

    /** Whether {@code buf} is one region of direct memory (not a composite). */
    static boolean directContiguous(ByteBuf buf) {
        return buf.isDirect() && buf.isContiguous();
    }

    /** The readable bytes of {@code buf} as one NIO buffer (position = start, remaining = length). */
    static ByteBuffer readableNio(ByteBuf buf) {
        return buf.nioBuffer(buf.readerIndex(), buf.readableBytes());
    }

    /** The writable region of {@code buf}, at most {@code length} bytes, as one NIO buffer. */
    static ByteBuffer writableNio(ByteBuf buf, int length) {
        return buf.nioBuffer(buf.writerIndex(), length);
    }

    /** An output buffer of exactly {@code size} capacity, direct when the input can be read directly. */
    static ByteBuf allocateFor(ByteBuf src, int size, ByteBufAllocator alloc) {
        return directContiguous(src) ? alloc.directBuffer(size, size)
                : alloc.heapBuffer(size, size);
    }

    /**
     * Lets {@code writer} fill up to {@code maxLength} bytes at the writer index of {@code dst} (which must have
     * that much room), through its array when it has one, else through a scratch array; returns the count.
     */
    static int writeToArray(ByteBuf dst, int maxLength, ArrayWriter writer) throws IOException {
        if (dst.hasArray()) {
            return writer.write(dst.array(), dst.arrayOffset() + dst.writerIndex());
        }
        byte[] scratch = new byte[maxLength];
        int written = writer.write(scratch, 0);
        dst.setBytes(dst.writerIndex(), scratch, 0, written);
        return written;
    }

    static WireProtocolException sizeMismatch(WireCompressor compressor, long actual, int declared) {
        return new WireProtocolException("OP_COMPRESSED " + compressor.handshakeName() + " payload decompresses to "
                + actual + " bytes, but uncompressedSize says " + declared);
    }

    static WireProtocolException oversize(WireCompressor compressor, int declared) {
        return new WireProtocolException("OP_COMPRESSED " + compressor.handshakeName()
                + " payload decompresses to more than its uncompressedSize of " + declared + " bytes");
    }

    static WireProtocolException corrupt(WireCompressor compressor, String detail, Throwable cause) {
        return new WireProtocolException(
                "OP_COMPRESSED " + compressor.handshakeName() + " payload is corrupt: " + detail, cause);
    }
}
