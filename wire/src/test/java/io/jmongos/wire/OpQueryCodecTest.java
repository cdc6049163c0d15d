package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static io.jmongos.wire.WireAssertions.assertServerRejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** OP_QUERY (legacy handshake) requests: round trips and one negative test per malformed field. */
class OpQueryCodecTest {
    private static final BsonDocument IS_MASTER = doc("{isMaster: 1, client: {driver: {name: 'x'}}}");

    private static OpQueryRequest roundTrip(OpQueryRequest request, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel client = WireChannels.client(alloc);
        EmbeddedChannel server = WireChannels.server(alloc);
        ByteBuf bytes = WireChannels.encode(client, request);
        assertThat(bytes.getIntLE(0)).isEqualTo(bytes.readableBytes());
        assertThat(bytes.getIntLE(12)).isEqualTo(OpCode.OP_QUERY.code());
        OpQueryRequest decoded = WireChannels.decode(server, WireChannels.rehome(bytes, direct));
        WireChannels.finish(client, alloc);
        WireChannels.finish(server, alloc);
        return decoded;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsTheHandshakeQuery(boolean direct) {
        OpQueryRequest decoded = roundTrip(new OpQueryRequest(11, 4, "admin.$cmd", 0, -1, IS_MASTER, null,
                WireCompressor.NOOP), direct);
        assertThat(decoded.requestId()).isEqualTo(11);
        assertThat(decoded.flags()).isEqualTo(4);
        assertThat(decoded.fullCollectionName()).isEqualTo("admin.$cmd");
        assertThat(decoded.numberToSkip()).isZero();
        assertThat(decoded.numberToReturn()).isEqualTo(-1);
        assertThat(decoded.query()).isEqualTo(IS_MASTER);
        assertThat(decoded.returnFieldsSelector()).isNull();
        assertThat(decoded.compressor()).isEqualTo(WireCompressor.NOOP);
        assertThat(decoded.opCode()).isEqualTo(OpCode.OP_QUERY);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsAReturnFieldsSelector(boolean direct) {
        BsonDocument selector = doc("{ok: 1}");
        OpQueryRequest decoded = roundTrip(new OpQueryRequest(12, 0, "db.$cmd", 3, 1, IS_MASTER, selector,
                WireCompressor.NOOP), direct);
        assertThat(decoded.numberToSkip()).isEqualTo(3);
        assertThat(decoded.returnFieldsSelector()).isEqualTo(selector);
    }

    @Test
    void rejectsUnterminatedCollectionName() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0)
                        .bytes("admin.$cmd".getBytes(StandardCharsets.US_ASCII)).build(),
                "OP_QUERY fullCollectionName is not terminated by 0x00 within its bounds");
    }

    @Test
    void rejectsOverlongCollectionName() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("d." + "c".repeat(254))
                        .int32(0).int32(-1).doc(IS_MASTER).build(),
                "OP_QUERY fullCollectionName exceeds 255 bytes");
    }

    @Test
    void rejectsMissingFlags() {
        assertServerRejects(RawMessage.header(1, 0, 2004).byte8(0).build(),
                "OP_QUERY flags needs 4 bytes but only 1 remain");
    }

    @Test
    void rejectsMissingNumberToReturn() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).build(),
                "OP_QUERY numberToReturn needs 4 bytes but only 0 remain");
    }

    @Test
    void rejectsNegativeNumberToSkip() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(-1).int32(-1)
                .doc(IS_MASTER).build(), "OP_QUERY numberToSkip -1 is negative");
    }

    @Test
    void rejectsQueryDocumentOverrun() {
        byte[] query = RawMessage.bson(IS_MASTER);
        query[0] = (byte) (query.length + 5);
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).int32(-1)
                .bytes(query).build(), "OP_QUERY query: BSON document overruns its bounds");
    }

    @Test
    void rejectsMissingQueryDocument() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).int32(-1)
                .build(), "OP_QUERY query: 0 bytes remain, too few for a BSON document length");
    }

    @Test
    void rejectsMalformedReturnFieldsSelector() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).int32(-1)
                .doc(IS_MASTER).int32(3).byte8(0).build(),
                "OP_QUERY returnFieldsSelector: BSON document length 3 is below the 5-byte minimum");
    }

    @Test
    void rejectsTrailingBytes() {
        assertServerRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).int32(-1)
                .doc(IS_MASTER).doc(doc("{}")).byte8(9).build(),
                "OP_QUERY has 1 unexpected bytes after its documents");
    }
}
