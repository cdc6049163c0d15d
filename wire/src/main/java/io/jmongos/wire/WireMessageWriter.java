package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * Writes uncompressed messages: header with a length placeholder, the body, then the length back-patched
 * relative to the message start (and the OP_MSG checksum when flagged).
 */
final class WireMessageWriter {
    private static final int OP_REPLY_DOCUMENT_COUNT = 1;

    private WireMessageWriter() {
    }

    static void writeOpMsg(ByteBuf out, int requestId, int responseTo, int flagBits, BsonDocument body,
                           Map<String, List<BsonDocument>> sequences) {
        int start = MessageHeader.writePlaceholder(out, requestId, responseTo, OpCode.OP_MSG);
        out.writeIntLE(flagBits);
        out.writeByte(0);
        writeBoundedDocument(out, body);
        for (Map.Entry<String, List<BsonDocument>> sequence : sequences.entrySet()) {
            out.writeByte(1);
            int sizeAt = out.writerIndex();
            out.writeIntLE(0);
            WireBsonWriter.writeCString(out, sequence.getKey());
            for (BsonDocument document : sequence.getValue()) {
                WireBsonWriter.writeDocument(out, document);
            }
            out.setIntLE(sizeAt, out.writerIndex() - sizeAt);
        }
        if (OpMsgFlags.isSet(flagBits, OpMsgFlags.CHECKSUM_PRESENT)) {
            MessageHeader.patchLength(out, start, WireLimits.CHECKSUM_SIZE);
            out.writeIntLE(OpMsgChecksum.compute(out, start, out.writerIndex() - start));
        } else {
            MessageHeader.patchLength(out, start, 0);
        }
    }

    /**
     * Writes a message's main document, at most BSONObjMaxInternalSize bytes.
     *
     * @throws OversizedDocumentException when it came out larger
     */
    private static void writeBoundedDocument(ByteBuf out, BsonDocument document) {
        int at = out.writerIndex();
        WireBsonWriter.writeDocument(out, document);
        int size = out.writerIndex() - at;
        if (size > WireLimits.MAX_BSON_SIZE) {
            throw new OversizedDocumentException(size, document);
        }
    }

    static void writeOpQuery(ByteBuf out, OpQueryRequest query) {
        int start = MessageHeader.writePlaceholder(out, query.requestId(), 0, OpCode.OP_QUERY);
        out.writeIntLE(query.flags());
        WireBsonWriter.writeCString(out, query.fullCollectionName());
        out.writeIntLE(query.numberToSkip());
        out.writeIntLE(query.numberToReturn());
        WireBsonWriter.writeDocument(out, query.query());
        if (query.returnFieldsSelector() != null) {
            WireBsonWriter.writeDocument(out, query.returnFieldsSelector());
        }
        MessageHeader.patchLength(out, start, 0);
    }

    static void writeOpReply(ByteBuf out, int requestId, OpReplyMessage reply) {
        int start = MessageHeader.writePlaceholder(out, requestId, reply.responseTo(), OpCode.OP_REPLY);
        out.writeIntLE(reply.responseFlags());
        out.writeLongLE(reply.cursorId());
        out.writeIntLE(reply.startingFrom());
        out.writeIntLE(OP_REPLY_DOCUMENT_COUNT);
        writeBoundedDocument(out, reply.document());
        MessageHeader.patchLength(out, start, 0);
    }
}
