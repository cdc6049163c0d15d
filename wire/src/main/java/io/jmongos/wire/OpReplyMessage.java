package io.jmongos.wire;

import java.util.Objects;
import org.bson.BsonDocument;

/**
 * An OP_REPLY message with exactly one document: the answer to a legacy OP_QUERY handshake.
 *
 * @param responseFlags OP_REPLY responseFlags (bit 1 QueryFailure, bit 3 AwaitCapable, ...)
 * @param cursorId      always 0 for command replies
 * @param startingFrom  always 0 for command replies
 */
public record OpReplyMessage(int responseTo, int responseFlags, long cursorId, int startingFrom,
                             BsonDocument document, WireCompressor compressor) implements WireReply {
    public OpReplyMessage {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(compressor, "compressor");
    }

    /** A command reply: no cursor, starting from 0. */
    public OpReplyMessage(int responseTo, int responseFlags, BsonDocument document, WireCompressor compressor) {
        this(responseTo, responseFlags, 0L, 0, document, compressor);
    }

    @Override
    public OpCode opCode() {
        return OpCode.OP_REPLY;
    }
}
