package io.jmongos.wire;

/** A reply to a client request: {@link OpMsgReply} or {@link OpReplyMessage}. */
public sealed interface WireReply permits OpMsgReply, OpReplyMessage {
    /** The requestID of the request this answers. */
    int responseTo();

    /** The compressor to send it with; {@link WireCompressor#NOOP} sends it uncompressed. */
    WireCompressor compressor();

    /** The reply's opcode (of the inner message when it is sent compressed). */
    OpCode opCode();
}
