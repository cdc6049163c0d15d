package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Builds wire messages byte by byte, so tests can write any malformed field. */
final class RawMessage {
    private final ByteBuf buf = Unpooled.buffer();

    private RawMessage(int requestId, int responseTo, int opCode) {
        buf.writeIntLE(0).writeIntLE(requestId).writeIntLE(responseTo).writeIntLE(opCode);
    }

    static RawMessage header(int requestId, int responseTo, int opCode) {
        return new RawMessage(requestId, responseTo, opCode);
    }

    static RawMessage opMsg(int flagBits) {
        return header(7, 0, OpCode.OP_MSG.code()).int32(flagBits);
    }

    static byte[] bson(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
        byte[] bytes = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(bytes);
        return bytes;
    }

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    RawMessage int32(int value) {
        buf.writeIntLE(value);
        return this;
    }

    RawMessage int64(long value) {
        buf.writeLongLE(value);
        return this;
    }

    RawMessage byte8(int value) {
        buf.writeByte(value);
        return this;
    }

    RawMessage bytes(byte[] bytes) {
        buf.writeBytes(bytes);
        return this;
    }

    RawMessage cstring(String value) {
        buf.writeBytes(value.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        return this;
    }

    RawMessage doc(BsonDocument document) {
        return bytes(bson(document));
    }

    /** A kind-0 section. */
    RawMessage body(BsonDocument document) {
        return byte8(0).doc(document);
    }

    /** A kind-1 section with a correct size. */
    RawMessage sequence(String identifier, BsonDocument... documents) {
        int sizeAt = buf.writerIndex() + 1;
        byte8(1).int32(0).cstring(identifier);
        for (BsonDocument document : documents) {
            doc(document);
        }
        buf.setIntLE(sizeAt, buf.writerIndex() - sizeAt);
        return this;
    }

    /** The message with its true length in the header. */
    ByteBuf build() {
        buf.setIntLE(0, buf.writerIndex());
        return buf;
    }

    /** The message with its true length and a CRC-32C appended (plus {@code crcDelta} to corrupt it). */
    ByteBuf buildWithChecksum(int crcDelta) {
        buf.setIntLE(0, buf.writerIndex() + 4);
        CRC32C crc = new CRC32C();
        crc.update(buf.nioBuffer());
        buf.writeIntLE((int) crc.getValue() + crcDelta);
        return buf;
    }

    /** The message with {@code length} in its header, whatever its size. */
    ByteBuf buildWithLength(int length) {
        buf.setIntLE(0, length);
        return buf;
    }
}
