package io.jmongos.wire;

import java.util.Objects;
import org.bson.BsonDocument;

/**
 * An OP_MSG reply: a single kind-0 body. Set {@link OpMsgFlags#CHECKSUM_PRESENT} in flagBits to have the encoder
 * append a CRC-32C checksum, {@link OpMsgFlags#MORE_TO_COME} for an exhaust reply that more replies follow.
 * Decoded by {@link WireReplyDecoder} on the client side, where {@code body} has any document sequences merged in.
 */
public record OpMsgReply(int responseTo, int flagBits, BsonDocument body, WireCompressor compressor)
        implements WireReply {
    public OpMsgReply {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(compressor, "compressor");
    }

    @Override
    public OpCode opCode() {
        return OpCode.OP_MSG;
    }
}
