package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import org.bson.BsonDocument;

/**
 * Parses the part of an OP_REPLY after the header (client side): responseFlags, cursorID, startingFrom,
 * numberReturned and the documents. jmongos only ever needs command replies, which carry exactly one document.
 */
final class OpReplyParser {
    /** Command replies over OP_REPLY hold exactly one document (MongoDB's legacy command protocol). */
    private static final int COMMAND_REPLY_DOCUMENTS = 1;

    private OpReplyParser() {
    }

    static OpReplyMessage parse(MessageHeader header, ByteBuf body, WireCompressor compressor) {
        int end = body.writerIndex();
        int responseFlags = WireReads.readInt(body, end, "OP_REPLY responseFlags");
        WireReads.require(body, end, Long.BYTES, "OP_REPLY cursorID");
        long cursorId = body.readLongLE();
        int startingFrom = WireReads.readInt(body, end, "OP_REPLY startingFrom");
        int numberReturned = WireReads.readInt(body, end, "OP_REPLY numberReturned");
        if (startingFrom < 0) {
            throw new WireProtocolException("OP_REPLY startingFrom " + startingFrom + " is negative");
        }
        if (numberReturned != COMMAND_REPLY_DOCUMENTS) {
            throw new WireProtocolException(
                    "OP_REPLY numberReturned " + numberReturned + ", expected " + COMMAND_REPLY_DOCUMENTS);
        }
        BsonDocument document = WireBsonReader.read(body, end, "OP_REPLY document");
        if (body.readerIndex() < end) {
            throw new WireProtocolException(
                    "OP_REPLY has " + (end - body.readerIndex()) + " unexpected bytes after its documents");
        }
        return new OpReplyMessage(header.responseTo(), responseFlags, cursorId, startingFrom, document, compressor);
    }
}
