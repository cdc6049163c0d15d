package io.jmongos.wire;

/**
 * A decoded client request: {@link OpMsgRequest} or {@link OpQueryRequest}, or a {@link RejectedRequest} to be
 * answered with an error.
 */
public sealed interface WireRequest permits OpMsgRequest, OpQueryRequest, RejectedRequest {
    /** The requestID of the message header; a reply carries it as responseTo. */
    int requestId();

    /** The compressor the request arrived with ({@link WireCompressor#NOOP} when not compressed). */
    WireCompressor compressor();

    /** The request's opcode (of the inner message when it arrived in OP_COMPRESSED). */
    OpCode opCode();
}
