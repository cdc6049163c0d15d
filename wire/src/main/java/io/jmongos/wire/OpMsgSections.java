package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * Parses the part of an OP_MSG after the header: flagBits, sections, optional checksum. Enforces what MongoDB's
 * OpMsg::parse enforces: no unknown required flag bit, the checksum when flagged, exactly one kind-0 body,
 * kind-1 sections within bounds with distinct identifiers, no other section kinds.
 */
record OpMsgSections(int flagBits, BsonDocument body, Map<String, List<BsonDocument>> sequences) {
    private static final int KIND_BODY = 0;
    private static final int KIND_DOCUMENT_SEQUENCE = 1;

    /** Parses {@code body}, whose readable bytes are the message after {@code header}. */
    static OpMsgSections parse(MessageHeader header, ByteBuf body) {
        int start = body.readerIndex();
        int end = body.writerIndex();
        int flagBits = WireReads.readInt(body, end, "OP_MSG flagBits");
        int unknownRequired = flagBits & OpMsgFlags.REQUIRED_MASK & ~OpMsgFlags.KNOWN_REQUIRED;
        if (unknownRequired != 0) {
            throw new WireProtocolException(String.format(
                    "OP_MSG flagBits 0x%08x set unknown required bits 0x%04x", flagBits, unknownRequired));
        }
        if (OpMsgFlags.isSet(flagBits, OpMsgFlags.CHECKSUM_PRESENT)) {
            WireReads.require(body, end, WireLimits.CHECKSUM_SIZE, "OP_MSG checksum");
            end -= WireLimits.CHECKSUM_SIZE;
            OpMsgChecksum.verify(header, body, start, end);
        }
        BsonDocument bodyDocument = null;
        Map<String, List<BsonDocument>> sequences = Map.of();
        while (body.readerIndex() < end) {
            int kind = body.readUnsignedByte();
            if (kind == KIND_BODY) {
                if (bodyDocument != null) {
                    throw new WireProtocolException("OP_MSG has more than one kind-0 body section");
                }
                bodyDocument = WireBsonReader.read(body, end, "OP_MSG body");
            } else if (kind == KIND_DOCUMENT_SEQUENCE) {
                if (sequences.isEmpty()) {
                    sequences = new LinkedHashMap<>();
                }
                readSequence(body, end, sequences);
            } else {
                throw new WireProtocolException("OP_MSG has unknown section kind " + kind);
            }
        }
        if (bodyDocument == null) {
            throw new WireProtocolException("OP_MSG has no kind-0 body section");
        }
        for (String identifier : sequences.keySet()) {
            if (bodyDocument.containsKey(identifier)) {
                throw new WireProtocolException(OpMsgRequest.duplicateFieldReason(identifier));
            }
        }
        body.readerIndex(body.writerIndex());
        return new OpMsgSections(flagBits, bodyDocument, sequences);
    }

    private static void readSequence(ByteBuf body, int end, Map<String, List<BsonDocument>> sequences) {
        int sectionStart = body.readerIndex();
        int size = WireReads.readInt(body, end, "OP_MSG kind-1 section size");
        if (size < WireLimits.MIN_SEQUENCE_SECTION_SIZE) {
            throw new WireProtocolException("OP_MSG kind-1 section size " + size + " is below the "
                    + WireLimits.MIN_SEQUENCE_SECTION_SIZE + "-byte minimum");
        }
        if (size > end - sectionStart) {
            throw new WireProtocolException("OP_MSG kind-1 section size " + size + " overruns the message ("
                    + (end - sectionStart) + " bytes remain)");
        }
        int sectionEnd = sectionStart + size;
        String identifier = WireReads.readCString(body, sectionEnd, Integer.MAX_VALUE,
                "OP_MSG kind-1 section identifier");
        if (sequences.containsKey(identifier)) {
            throw new WireProtocolException("OP_MSG has two document sequences named '" + identifier + "'");
        }
        List<BsonDocument> documents = new ArrayList<>();
        String what = "OP_MSG document sequence '" + identifier + "'";
        while (body.readerIndex() < sectionEnd) {
            documents.add(WireBsonReader.read(body, sectionEnd, what));
        }
        sequences.put(identifier, documents);
    }

    /** The request this message is, when it came from a client. */
    OpMsgRequest toRequest(int requestId, WireCompressor compressor) {
        return new OpMsgRequest(requestId, flagBits, body, sequences, compressor);
    }

    /** The body with the document sequences merged in as arrays. */
    BsonDocument commandDocument() {
        return sequences.isEmpty() ? body : toRequest(0, WireCompressor.NOOP).commandDocument();
    }
}
