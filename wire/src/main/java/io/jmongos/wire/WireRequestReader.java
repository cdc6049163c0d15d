package io.jmongos.wire;

import io.jmongos.common.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server side: one framed message to a {@link WireRequest}. A command nested past the BSON depth limit becomes a
 * {@link RejectedRequest} (Overflow, 15), answered with an error as MongoDB answers it; every other malformed input
 * is a {@link WireProtocolException} that closes the connection.
 */
final class WireRequestReader {
    private WireRequestReader() {
    }

    static WireRequest read(ByteBuf frame, ByteBufAllocator alloc, int maxMessageSize) {
        MessageHeader header = MessageHeader.read(frame, maxMessageSize);
        if (header.opCode() == OpCode.OP_COMPRESSED.code()) {
            return CompressedMessageReader.unwrap(header, frame, alloc, maxMessageSize, WireRequestReader::readBody);
        }
        return readBody(header, frame, WireCompressor.NOOP);
    }

    private static WireRequest readBody(MessageHeader header, ByteBuf body, WireCompressor compressor) {
        OpCode opCode = OpCode.fromCode(header.opCode());
        int start = body.readerIndex();
        try {
            switch (opCode) {
                case OP_MSG:
                    return OpMsgSections.parse(header, body).toRequest(header.requestId(), compressor);
                case OP_QUERY:
                    return OpQueryParser.parse(header, body, compressor);
                default:
                    throw new WireProtocolException("opcode " + opCode.code() + " (" + opCode + ") is not a request");
            }
        } catch (BsonDepthException e) {
            // The flagBits were read (and any checksum verified) before the sections, so they are there.
            int flagBits = opCode == OpCode.OP_MSG ? body.getIntLE(start) : 0;
            return new RejectedRequest(header.requestId(), opCode, flagBits, compressor, ErrorCode.OVERFLOW,
                    e.getMessage());
        }
    }
}
