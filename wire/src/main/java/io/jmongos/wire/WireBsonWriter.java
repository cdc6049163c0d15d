package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;

/** Writes BSON documents and C strings straight into an outbound buffer. */
final class WireBsonWriter {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
    private static final EncoderContext CONTEXT = EncoderContext.builder().build();

    private WireBsonWriter() {
    }

    /** Appends {@code document}; a {@link RawBsonDocument} is copied as is, without re-encoding. */
    static void writeDocument(ByteBuf out, BsonDocument document) {
        if (document instanceof RawBsonDocument) {
            out.writeBytes(((RawBsonDocument) document).getByteBuffer().asNIO());
            return;
        }
        try (BsonBinaryWriter writer = new BsonBinaryWriter(new ByteBufBsonOutput(out))) {
            CODEC.encode(writer, document, CONTEXT);
        }
    }

    /** Appends {@code value} as UTF-8 and a 0x00 terminator. */
    static void writeCString(ByteBuf out, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("C string contains a NUL character: " + value);
        }
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte(0);
    }
}
