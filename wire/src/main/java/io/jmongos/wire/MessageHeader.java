package io.jmongos.wire;

import io.jmongos.common.Limits;
import io.netty.buffer.ByteBuf;

/**
 * The 16-byte header that starts every wire message: messageLength (which counts the header itself), requestID,
 * responseTo and opCode, all little-endian int32 (MongoDB wire protocol reference, "Standard Message Header").
 */
public record MessageHeader(int messageLength, int requestId, int responseTo, int opCode) {
    /** Size of the header; also the smallest possible message. */
    public static final int SIZE = Limits.MESSAGE_HEADER_SIZE;
    /** Largest message accepted by default: maxMessageSizeBytes of MongoDB's hello reply. */
    public static final int MAX_MESSAGE_SIZE = Limits.MAX_MESSAGE_SIZE_BYTES;

    /**
     * Checks a messageLength read from the wire against the 16-byte minimum and the given maximum.
     *
     * @throws WireProtocolException when out of bounds
     */
    public static void checkMessageLength(int length, int maxMessageSize) {
        if (length < SIZE) {
            throw new WireProtocolException("message length " + length + " is below the " + SIZE + "-byte minimum");
        }
        if (length > maxMessageSize) {
            throw new WireProtocolException(
                    "message length " + length + " exceeds the maximum of " + maxMessageSize + " bytes");
        }
    }

    /**
     * Reads the header of a complete message; the frame's readable bytes must be exactly the message.
     * Leaves the reader index after the header.
     */
    static MessageHeader read(ByteBuf frame, int maxMessageSize) {
        int readable = frame.readableBytes();
        if (readable < SIZE) {
            throw new WireProtocolException(
                    "message of " + readable + " bytes is shorter than the " + SIZE + "-byte header");
        }
        int length = frame.readIntLE();
        checkMessageLength(length, maxMessageSize);
        if (length != readable) {
            throw new WireProtocolException(
                    "message length " + length + " does not match the " + readable + " bytes of its frame");
        }
        return new MessageHeader(length, frame.readIntLE(), frame.readIntLE(), frame.readIntLE());
    }

    /** This header in wire form (used to checksum a message whose header is not in the buffer). */
    byte[] toBytes() {
        byte[] bytes = new byte[SIZE];
        putIntLE(bytes, 0, messageLength);
        putIntLE(bytes, 4, requestId);
        putIntLE(bytes, 8, responseTo);
        putIntLE(bytes, 12, opCode);
        return bytes;
    }

    /** Writes a header whose messageLength is a placeholder, to be patched by {@link #patchLength}. */
    static int writePlaceholder(ByteBuf out, int requestId, int responseTo, OpCode opCode) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(requestId);
        out.writeIntLE(responseTo);
        out.writeIntLE(opCode.code());
        return start;
    }

    /** Back-patches the messageLength of the message that starts at {@code start}, adding {@code extra} bytes. */
    static int patchLength(ByteBuf out, int start, int extra) {
        int length = out.writerIndex() - start + extra;
        if (length > MAX_MESSAGE_SIZE) {
            throw new IllegalStateException(
                    "message of " + length + " bytes exceeds maxMessageSizeBytes " + MAX_MESSAGE_SIZE);
        }
        out.setIntLE(start, length);
        return length;
    }

    private static void putIntLE(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
