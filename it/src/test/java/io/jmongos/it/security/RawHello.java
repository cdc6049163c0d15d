package io.jmongos.it.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/** OP_MSG bytes for tests that talk the wire protocol by hand (a plaintext hello, a saslStart ...). */
final class RawHello {
    /** OP_MSG opcode. */
    private static final int OP_MSG = 2013;
    /** Message header (16) + flag bits (4) + section kind (1). */
    private static final int FIXED = 21;

    private RawHello() {
    }

    static byte[] opMsgHello() {
        return opMsg(new BsonDocument("hello", new BsonInt32(1)).append("$db", new BsonString("admin")));
    }

    /** One OP_MSG with {@code body} as its only section. */
    static byte[] opMsg(BsonDocument command) {
        org.bson.ByteBuf raw = new RawBsonDocument(command, new org.bson.codecs.BsonDocumentCodec()).getByteBuffer();
        byte[] body = new byte[raw.remaining()];
        raw.get(body);
        ByteBuffer b = ByteBuffer.allocate(FIXED + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FIXED + body.length).putInt(1).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(body);
        return b.array();
    }

    /** Read one OP_MSG reply and return its body. */
    static BsonDocument readReply(java.io.InputStream in) throws java.io.IOException {
        byte[] len = in.readNBytes(4);
        if (len.length < 4) {
            throw new java.io.EOFException("connection closed");
        }
        int total = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rest = in.readNBytes(total - 4);
        byte[] body = java.util.Arrays.copyOfRange(rest, FIXED - 4, rest.length);
        return new RawBsonDocument(body);
    }
}
