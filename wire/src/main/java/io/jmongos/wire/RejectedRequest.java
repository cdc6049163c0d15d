package io.jmongos.wire;

import java.util.Objects;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A well-framed request whose command could not be read for a reason MongoDB answers with an error reply rather
 * than by closing the connection (its "document too deep" case: a {@link BsonDepthException}). The server replies
 * to it with {@link #error()} in the reply form of its opcode, unless an OP_MSG asked for no reply (moreToCome).
 *
 * @param requestId the request's requestID
 * @param opCode    OP_MSG or OP_QUERY (of the inner message when it arrived in OP_COMPRESSED)
 * @param flagBits  the OP_MSG flagBits (0 for OP_QUERY)
 * @param compressor the compressor the request arrived with
 * @param code      the MongoDB error
 * @param message   the error message, as MongoDB words it
 */
public record RejectedRequest(int requestId, OpCode opCode, int flagBits, WireCompressor compressor, ErrorCode code,
                              String message) implements WireRequest {
    public RejectedRequest {
        Objects.requireNonNull(opCode, "opCode");
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The error to reply with. */
    public CommandFailedException error() {
        return new CommandFailedException(code, message);
    }

    /** moreToCome: an OP_MSG whose client expects no reply. */
    public boolean moreToCome() {
        return opCode == OpCode.OP_MSG && OpMsgFlags.isSet(flagBits, OpMsgFlags.MORE_TO_COME);
    }
}
