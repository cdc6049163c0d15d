package io.jmongos.it.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/** The bytes of one OP_MSG {@code hello} (what a plaintext client sends first). */
final class RawHello {
    /** OP_MSG opcode. */
    private static final int OP_MSG = 2013;
    /** Message header (16) + flag bits (4) + section kind (1). */
    private static final int FIXED = 21;

    private RawHello() {
    }

    static byte[] opMsgHello() {
        org.bson.ByteBuf raw = new RawBsonDocument(new BsonDocument("hello", new BsonInt32(1))
                .append("$db", new BsonString("admin")), new org.bson.codecs.BsonDocumentCodec()).getByteBuffer();
        byte[] body = new byte[raw.remaining()];
        raw.get(body);
        ByteBuffer b = ByteBuffer.allocate(FIXED + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FIXED + body.length).putInt(1).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(body);
        return b.array();
    }
}
