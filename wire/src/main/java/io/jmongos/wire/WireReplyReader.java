package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Client side: one framed message to a {@link WireReply}. */
final class WireReplyReader {
    private WireReplyReader() {
    }

    static WireReply read(ByteBuf frame, ByteBufAllocator alloc, int maxMessageSize) {
        MessageHeader header = MessageHeader.read(frame, maxMessageSize);
        if (header.opCode() == OpCode.OP_COMPRESSED.code()) {
            return CompressedMessageReader.unwrap(header, frame, alloc, maxMessageSize, WireReplyReader::readBody);
        }
        return readBody(header, frame, WireCompressor.NOOP);
    }

    private static WireReply readBody(MessageHeader header, ByteBuf body, WireCompressor compressor) {
        OpCode opCode = OpCode.fromCode(header.opCode());
        switch (opCode) {
            case OP_MSG:
                OpMsgSections sections = OpMsgSections.parse(header, body);
                return new OpMsgReply(header.responseTo(), sections.flagBits(), sections.commandDocument(),
                        compressor);
            case OP_REPLY:
                return OpReplyParser.parse(header, body, compressor);
            default:
                throw new WireProtocolException("opcode " + opCode.code() + " (" + opCode + ") is not a reply");
        }
    }
}
