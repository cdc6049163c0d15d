package io.jmongos.bench.raw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * OP_MSG with one kind-0 section, encoded and decoded on plain byte arrays (wire protocol docs,
 * "OP_MSG"): the raw clients of the benchmark need nothing more.
 */
public final class OpMsgBytes {
    /** Opcodes: OP_REPLY 1, OP_MSG 2013 (MongoDB wire protocol docs). */
    public static final int OP_REPLY = 1;
    public static final int OP_MSG = 2013;
    /** Standard message header: length, requestID, responseTo, opCode (4 x int32). */
    public static final int HEADER_LENGTH = 16;
    /** Smallest OP_MSG: header, flagBits, section kind byte, a 5-byte empty document. */
    static final int MIN_OP_MSG = HEADER_LENGTH + 4 + 1 + 5;
    /** maxMessageSizeBytes of MongoDB: no reply can be larger. */
    public static final int MAX_MESSAGE = 48_000_000;
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private OpMsgBytes() {
    }

    /** An OP_MSG request carrying {@code command} in a kind-0 section. */
    public static byte[] encode(int requestId, BsonDocument command) {
        RawBsonDocument raw = command instanceof RawBsonDocument r ? r : new RawBsonDocument(command, CODEC);
        ByteBuffer body = raw.getByteBuffer().asNIO();
        int docLength = body.remaining();
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + 4 + 1 + docLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(requestId).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(body);
        return b.array();
    }

    /**
     * The body document of an OP_MSG reply whose complete bytes (header included) are {@code message}.
     *
     * @throws IllegalStateException when the reply is not an OP_MSG with a kind-0 first section
     */
    public static RawBsonDocument decodeReply(byte[] message, int expectedResponseTo) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getInt();
        b.getInt();
        int responseTo = b.getInt();
        int opCode = b.getInt();
        if (length != message.length || length < MIN_OP_MSG) {
            throw new IllegalStateException("bad reply length " + length);
        }
        if (opCode != OP_MSG) {
            throw new IllegalStateException("expected OP_MSG reply, got opCode " + opCode);
        }
        if (responseTo != expectedResponseTo) {
            throw new IllegalStateException("responseTo " + responseTo + " != request " + expectedResponseTo);
        }
        b.getInt();
        if (b.get() != 0) {
            throw new IllegalStateException("first section of the reply is not kind 0");
        }
        int docLength = b.getInt(b.position());
        if (docLength < 5 || b.position() + docLength > length) {
            throw new IllegalStateException("bad document length " + docLength);
        }
        return new RawBsonDocument(message, b.position(), docLength);
    }
}
