package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Server side: one framed message to a {@link WireRequest}. */
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
        switch (opCode) {
            case OP_MSG:
                return OpMsgSections.parse(header, body).toRequest(header.requestId(), compressor);
            case OP_QUERY:
                return OpQueryParser.parse(header, body, compressor);
            default:
                throw new WireProtocolException("opcode " + opCode.code() + " (" + opCode + ") is not a request");
        }
    }
}
