package io.jmongos.engine.storage;

import java.nio.ByteBuffer;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** BSON documents to and from their byte form (documents are stored as BSON). */
public final class BsonBytes {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private BsonBytes() {
    }

    public static byte[] toBytes(BsonDocument doc) {
        if (doc instanceof RawBsonDocument) {
            RawBsonDocument raw = (RawBsonDocument) doc;
            ByteBuffer buf = raw.getByteBuffer().asNIO();
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        }
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, doc, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    /** A lazily parsed view of stored bytes (cheap to hold in a batch, decoded on access). */
    public static RawBsonDocument toRaw(byte[] bytes) {
        return new RawBsonDocument(bytes);
    }

    /** A fully decoded, mutable document. */
    public static BsonDocument toDocument(byte[] bytes) {
        return new RawBsonDocument(bytes).decode(CODEC);
    }

    /** The encoded size of a document in bytes. */
    public static int size(BsonDocument doc) {
        if (doc instanceof RawBsonDocument) {
            return ((RawBsonDocument) doc).getByteBuffer().remaining();
        }
        return toBytes(doc).length;
    }
}
