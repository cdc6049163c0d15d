package io.jmongos.bench.limit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * The limit server's replies, encoded once: a fixed hello reply (enough for a driver's handshake and monitor:
 * wire versions, sizes, session timeout) as OP_REPLY and OP_MSG, and {@code {ok: 1}} as OP_MSG. Only
 * {@code responseTo} (bytes 8..11) differs per reply.
 */
final class LimitReplies {
    /** Offset of responseTo in the standard message header. */
    static final int RESPONSE_TO_OFFSET = 8;
    /** Wire versions of MongoDB 7.0 (maxWireVersion 21); the 5.x Java driver needs at least 8. */
    static final int MAX_WIRE_VERSION = 21;
    /** MongoDB's maxBsonObjectSize, maxMessageSizeBytes and maxWriteBatchSize. */
    static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    static final int MAX_WRITE_BATCH_SIZE = 100_000;
    /** MongoDB's default logicalSessionTimeoutMinutes; present so the driver uses sessions as with a server. */
    static final int SESSION_TIMEOUT_MINUTES = 30;

    final byte[] helloOpReply;
    final byte[] helloOpMsg;
    final byte[] okOpMsg;

    LimitReplies() {
        BsonDocument hello = new BsonDocument("helloOk", BsonBoolean.TRUE)
                .append("ismaster", BsonBoolean.TRUE)
                .append("isWritablePrimary", BsonBoolean.TRUE)
                .append("maxBsonObjectSize", new BsonInt32(MAX_BSON_OBJECT_SIZE))
                .append("maxMessageSizeBytes", new BsonInt32(MAX_MESSAGE_SIZE_BYTES))
                .append("maxWriteBatchSize", new BsonInt32(MAX_WRITE_BATCH_SIZE))
                .append("localTime", new BsonDateTime(0))
                .append("logicalSessionTimeoutMinutes", new BsonInt32(SESSION_TIMEOUT_MINUTES))
                .append("connectionId", new BsonInt32(1))
                .append("minWireVersion", new BsonInt32(0))
                .append("maxWireVersion", new BsonInt32(MAX_WIRE_VERSION))
                .append("readOnly", BsonBoolean.FALSE)
                .append("msg", new BsonString("limit"))
                .append("ok", new BsonDouble(1.0));
        helloOpReply = opReply(bytes(hello));
        helloOpMsg = opMsg(bytes(hello));
        okOpMsg = opMsg(bytes(new BsonDocument("ok", new BsonDouble(1.0))));
    }

    private static byte[] bytes(BsonDocument d) {
        RawBsonDocument raw = new RawBsonDocument(d, new BsonDocumentCodec());
        ByteBuffer b = raw.getByteBuffer().asNIO();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] opMsg(byte[] doc) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(0).putInt(0).putInt(LimitServer.OP_MSG).putInt(0).put((byte) 0).put(doc);
        return b.array();
    }

    private static byte[] opReply(byte[] doc) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 8 + 4 + 4 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(0).putInt(0).putInt(LimitServer.OP_REPLY)
                .putInt(0).putLong(0).putInt(0).putInt(1).put(doc);
        return b.array();
    }
}
