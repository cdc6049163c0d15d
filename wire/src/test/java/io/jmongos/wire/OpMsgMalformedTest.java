package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static io.jmongos.wire.WireAssertions.assertServerRejects;

import io.netty.buffer.ByteBuf;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

/** One negative test per malformed OP_MSG field; each also checks that no buffer leaked. */
class OpMsgMalformedTest {
    private static final BsonDocument PING = doc("{ping: 1, $db: 'admin'}");

    @Test
    void rejectsUnknownRequiredFlagBit() {
        assertServerRejects(RawMessage.opMsg(1 << 2).body(PING).build(),
                "OP_MSG flagBits 0x00000004 set unknown required bits 0x0004");
    }

    @Test
    void rejectsUnknownRequiredFlagBit15() {
        assertServerRejects(RawMessage.opMsg(1 << 15).body(PING).build(), "unknown required bits 0x8000");
    }

    @Test
    void rejectsChecksumMismatch() {
        assertServerRejects(RawMessage.opMsg(OpMsgFlags.CHECKSUM_PRESENT).body(PING).buildWithChecksum(1),
                "OP_MSG checksum mismatch");
    }

    @Test
    void rejectsChecksumFlagWithoutRoomForTheChecksum() {
        assertServerRejects(RawMessage.opMsg(OpMsgFlags.CHECKSUM_PRESENT).byte8(0).build(),
                "OP_MSG checksum needs 4 bytes but only 1 remain");
    }

    @Test
    void rejectsMissingFlagBits() {
        assertServerRejects(RawMessage.header(1, 0, OpCode.OP_MSG.code()).byte8(0).byte8(0).build(),
                "OP_MSG flagBits needs 4 bytes but only 2 remain");
    }

    @Test
    void rejectsUnknownSectionKind() {
        assertServerRejects(RawMessage.opMsg(0).body(PING).byte8(2).doc(PING).build(),
                "OP_MSG has unknown section kind 2");
    }

    @Test
    void rejectsMissingKindZeroSection() {
        assertServerRejects(RawMessage.opMsg(0).sequence("documents", doc("{a: 1}")).build(),
                "OP_MSG has no kind-0 body section");
    }

    @Test
    void rejectsMessageWithNoSections() {
        assertServerRejects(RawMessage.opMsg(0).build(), "OP_MSG has no kind-0 body section");
    }

    @Test
    void rejectsTwoKindZeroSections() {
        assertServerRejects(RawMessage.opMsg(0).body(PING).body(PING).build(),
                "OP_MSG has more than one kind-0 body section");
    }

    @Test
    void rejectsKindOneSizeOverrun() {
        ByteBuf message = RawMessage.opMsg(0).body(PING)
                .byte8(1).int32(200).cstring("documents").doc(doc("{a: 1}")).build();
        assertServerRejects(message, "OP_MSG kind-1 section size 200 overruns the message (26 bytes remain)");
    }

    @Test
    void rejectsKindOneSizeBelowMinimum() {
        assertServerRejects(RawMessage.opMsg(0).body(PING).byte8(1).int32(4).byte8(0).build(),
                "OP_MSG kind-1 section size 4 is below the 5-byte minimum");
    }

    @Test
    void rejectsKindOneSizeFieldCutShort() {
        assertServerRejects(RawMessage.opMsg(0).body(PING).byte8(1).byte8(9).build(),
                "OP_MSG kind-1 section size needs 4 bytes but only 1 remain");
    }

    @Test
    void rejectsUnterminatedIdentifier() {
        // The section claims 4 + 9 bytes: "documents" without its 0x00, followed by bytes outside the section.
        ByteBuf message = RawMessage.opMsg(0).body(PING)
                .byte8(1).int32(13).bytes("documents".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .byte8(0).build();
        assertServerRejects(message, "OP_MSG kind-1 section identifier is not terminated by 0x00 within its bounds");
    }

    @Test
    void rejectsSequenceDocumentOverrunningTheSection() {
        byte[] document = RawMessage.bson(doc("{a: 1}"));
        ByteBuf message = RawMessage.opMsg(0).body(PING)
                .byte8(1).int32(4 + 2 + document.length - 1).cstring("d").bytes(document).build();
        assertServerRejects(message, "OP_MSG document sequence 'd': BSON document overruns its bounds (length 12, "
                + "11 bytes remain)");
    }

    @Test
    void rejectsDuplicateSequenceIdentifier() {
        ByteBuf message = RawMessage.opMsg(0).body(PING)
                .sequence("documents", doc("{a: 1}")).sequence("documents", doc("{a: 2}")).build();
        assertServerRejects(message, "OP_MSG has two document sequences named 'documents'");
    }

    @Test
    void rejectsFieldInBothBodyAndSequence() {
        ByteBuf message = RawMessage.opMsg(0).body(doc("{insert: 'c', documents: []}"))
                .sequence("documents", doc("{a: 1}")).build();
        assertServerRejects(message, "field 'documents' appears both in the OP_MSG body and as a document sequence");
    }

    @Test
    void rejectsBsonLengthOverrun() {
        byte[] body = RawMessage.bson(PING);
        body[0] = (byte) (body.length + 1);
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(),
                "OP_MSG body: BSON document overruns its bounds (length " + (body.length + 1) + ", " + body.length
                        + " bytes remain)");
    }

    @Test
    void rejectsBsonLengthUnderFive() {
        assertServerRejects(RawMessage.opMsg(0).byte8(0).int32(4).byte8(0).build(),
                "OP_MSG body: BSON document length 4 is below the 5-byte minimum");
    }

    @Test
    void rejectsNegativeBsonLength() {
        assertServerRejects(RawMessage.opMsg(0).byte8(0).int32(-5).byte8(0).build(),
                "OP_MSG body: BSON document length -5 is below the 5-byte minimum");
    }

    @Test
    void rejectsBsonLengthAboveMaximum() {
        assertServerRejects(RawMessage.opMsg(0).byte8(0).int32(WireLimits.MAX_BSON_SIZE + 1).byte8(0).build(),
                "OP_MSG body: BSON document length 16793601 exceeds the maximum of 16793600 bytes");
    }

    @Test
    void rejectsBsonWithoutTerminator() {
        byte[] body = RawMessage.bson(PING);
        body[body.length - 1] = 1;
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(),
                "OP_MSG body: BSON document is not terminated by 0x00");
    }

    @Test
    void rejectsBsonTruncatedLengthField() {
        assertServerRejects(RawMessage.opMsg(0).byte8(0).byte8(5).byte8(0).build(),
                "OP_MSG body: 2 bytes remain, too few for a BSON document length");
    }

    @Test
    void rejectsBsonWithUnknownElementType() {
        // {a: 1} with its int32 type byte 0x10 replaced by 0x42.
        byte[] body = RawMessage.bson(doc("{a: 1}"));
        body[4] = 0x42;
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(), "OP_MSG body: invalid BSON");
    }

    @Test
    void rejectsNestedDocumentOverrunningItsParent() {
        // {a: {}} where the inner document claims 6 bytes instead of 5.
        byte[] body = RawMessage.bson(doc("{a: {}}"));
        body[7] = 6;
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(), "OP_MSG body: invalid BSON");
    }

    @Test
    void rejectsStringOverrunningTheDocument() {
        // {s: "x"}: the string length 2 becomes 100.
        byte[] body = RawMessage.bson(doc("{s: 'x'}"));
        body[7] = 100;
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(), "OP_MSG body: invalid BSON");
    }

    @Test
    void rejectsInvalidBoolean() {
        byte[] body = RawMessage.bson(doc("{b: true}"));
        body[7] = 2;
        assertServerRejects(RawMessage.opMsg(0).byte8(0).bytes(body).build(), "OP_MSG body: invalid BSON");
    }
}
