package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import org.bson.BsonDocument;

/**
 * Parses the part of an OP_QUERY after the header: flags, fullCollectionName, numberToSkip, numberToReturn, query
 * and an optional returnFieldsSelector (MongoDB wire protocol reference, "OP_QUERY"), with nothing after them.
 */
final class OpQueryParser {
    private OpQueryParser() {
    }

    static OpQueryRequest parse(MessageHeader header, ByteBuf body, WireCompressor compressor) {
        int end = body.writerIndex();
        int flags = WireReads.readInt(body, end, "OP_QUERY flags");
        String collection = WireReads.readCString(body, end, WireLimits.MAX_NAMESPACE_BYTES,
                "OP_QUERY fullCollectionName");
        int numberToSkip = WireReads.readInt(body, end, "OP_QUERY numberToSkip");
        // numberToReturn: every int32 has a meaning (negative = single batch), so only numberToSkip is bounded.
        int numberToReturn = WireReads.readInt(body, end, "OP_QUERY numberToReturn");
        if (numberToSkip < 0) {
            throw new WireProtocolException("OP_QUERY numberToSkip " + numberToSkip + " is negative");
        }
        BsonDocument query = WireBsonReader.read(body, end, "OP_QUERY query");
        BsonDocument selector = null;
        if (body.readerIndex() < end) {
            selector = WireBsonReader.read(body, end, "OP_QUERY returnFieldsSelector");
        }
        if (body.readerIndex() < end) {
            throw new WireProtocolException(
                    "OP_QUERY has " + (end - body.readerIndex()) + " unexpected bytes after its documents");
        }
        return new OpQueryRequest(header.requestId(), flags, collection, numberToSkip, numberToReturn, query,
                selector, compressor);
    }
}
