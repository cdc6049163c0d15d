package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OP_MSG requests: client encoder to server decoder, every field asserted, on heap and direct buffers. */
class OpMsgCodecTest {
    private static BsonDocument everyBsonType() {
        ObjectId id = new ObjectId();
        return new BsonDocument("find", new BsonString("coll"))
                .append("double", new BsonDouble(1.5))
                .append("string", new BsonString("héllo"))
                .append("document", new BsonDocument("a", new BsonDocument("b", new BsonInt32(1))))
                .append("array", new BsonArray(List.of(new BsonInt32(1), new BsonString("x"), new BsonArray())))
                .append("binary", new BsonBinary(new byte[] {1, 2, 3}))
                .append("undefined", new BsonUndefined())
                .append("objectId", new BsonObjectId(id))
                .append("boolean", BsonBoolean.TRUE)
                .append("date", new BsonDateTime(1_700_000_000_000L))
                .append("null", BsonNull.VALUE)
                .append("regex", new BsonRegularExpression("^a", "i"))
                .append("dbPointer", new BsonDbPointer("db.c", id))
                .append("javascript", new BsonJavaScript("function() {}"))
                .append("symbol", new BsonSymbol("sym"))
                .append("jsWithScope", new BsonJavaScriptWithScope("x", new BsonDocument("x", new BsonInt32(2))))
                .append("int32", new BsonInt32(-7))
                .append("timestamp", new BsonTimestamp(5, 6))
                .append("int64", new BsonInt64(Long.MAX_VALUE))
                .append("decimal128", new BsonDecimal128(Decimal128.parse("1.25")))
                .append("minKey", new BsonMinKey())
                .append("maxKey", new BsonMaxKey())
                .append("$db", new BsonString("test"));
    }

    private static OpMsgRequest roundTrip(OpMsgRequest request, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel client = WireChannels.client(alloc);
        EmbeddedChannel server = WireChannels.server(alloc);
        ByteBuf bytes = WireChannels.encode(client, request);
        assertThat(bytes.getIntLE(0)).isEqualTo(bytes.readableBytes());
        assertThat(bytes.getIntLE(4)).isEqualTo(request.requestId());
        assertThat(bytes.getIntLE(8)).isZero();
        assertThat(bytes.getIntLE(12)).isEqualTo(OpCode.OP_MSG.code());
        assertThat(bytes.getIntLE(16)).isEqualTo(request.flagBits());
        OpMsgRequest decoded = WireChannels.decode(server, WireChannels.rehome(bytes, direct));
        WireChannels.finish(client, alloc);
        WireChannels.finish(server, alloc);
        return decoded;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsABodyWithEveryBsonType(boolean direct) {
        BsonDocument body = everyBsonType();
        OpMsgRequest decoded = roundTrip(OpMsgRequest.of(42, body), direct);
        assertThat(decoded.requestId()).isEqualTo(42);
        assertThat(decoded.flagBits()).isZero();
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.documentSequences()).isEmpty();
        assertThat(decoded.commandDocument()).isEqualTo(body);
        assertThat(decoded.compressor()).isEqualTo(WireCompressor.NOOP);
        assertThat(decoded.opCode()).isEqualTo(OpCode.OP_MSG);
        assertThat(decoded.checksumPresent()).isFalse();
        assertThat(decoded.moreToCome()).isFalse();
        assertThat(decoded.exhaustAllowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsKindOneSequencesMergedIntoTheCommand(boolean direct) {
        BsonDocument body = RawMessage.doc("{insert: 'c', ordered: true, $db: 'test'}");
        Map<String, List<BsonDocument>> sequences = new LinkedHashMap<>();
        sequences.put("documents", List.of(RawMessage.doc("{_id: 1}"), RawMessage.doc("{_id: 2, a: [1, 2]}")));
        sequences.put("empty", List.of());
        OpMsgRequest decoded = roundTrip(new OpMsgRequest(9, 0, body, sequences, WireCompressor.NOOP), direct);
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.documentSequences()).containsExactlyEntriesOf(sequences);
        assertThat(decoded.documentSequences().keySet()).containsExactly("documents", "empty");
        assertThat(decoded.commandDocument()).isEqualTo(RawMessage.doc(
                "{insert: 'c', ordered: true, $db: 'test', documents: [{_id: 1}, {_id: 2, a: [1, 2]}], empty: []}"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void verifiesAValidChecksum(boolean direct) {
        BsonDocument body = RawMessage.doc("{ping: 1, $db: 'admin'}");
        Map<String, List<BsonDocument>> sequences = Map.of("documents", List.of(RawMessage.doc("{a: 1}")));
        OpMsgRequest request = new OpMsgRequest(5, OpMsgFlags.CHECKSUM_PRESENT, body, sequences,
                WireCompressor.NOOP);
        OpMsgRequest decoded = roundTrip(request, direct);
        assertThat(decoded.checksumPresent()).isTrue();
        assertThat(decoded.flagBits()).isEqualTo(OpMsgFlags.CHECKSUM_PRESENT);
        assertThat(decoded.documentSequences()).isEqualTo(sequences);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void encoderWritesTheCrc32cOfTheMessage(boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel client = WireChannels.client(alloc);
        ByteBuf bytes = WireChannels.encode(client, new OpMsgRequest(5, OpMsgFlags.CHECKSUM_PRESENT,
                RawMessage.doc("{ping: 1}"), Map.of(), WireCompressor.NOOP));
        CRC32C crc = new CRC32C();
        crc.update(bytes.nioBuffer(0, bytes.readableBytes() - 4));
        assertThat(bytes.getIntLE(bytes.readableBytes() - 4)).isEqualTo((int) crc.getValue());
        bytes.release();
        WireChannels.finish(client, alloc);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void exposesMoreToCome(boolean direct) {
        OpMsgRequest decoded = roundTrip(new OpMsgRequest(6, OpMsgFlags.MORE_TO_COME,
                RawMessage.doc("{insert: 'c', $db: 'test'}"), Map.of(), WireCompressor.NOOP), direct);
        assertThat(decoded.moreToCome()).isTrue();
        assertThat(decoded.exhaustAllowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void acceptsExhaustAllowedAndUnknownOptionalBits(boolean direct) {
        int flags = OpMsgFlags.EXHAUST_ALLOWED | (1 << 17) | (1 << 31);
        OpMsgRequest decoded = roundTrip(new OpMsgRequest(8, flags,
                RawMessage.doc("{getMore: 1, $db: 'test'}"), Map.of(), WireCompressor.NOOP), direct);
        assertThat(decoded.exhaustAllowed()).isTrue();
        assertThat(decoded.moreToCome()).isFalse();
        assertThat(decoded.flagBits()).isEqualTo(flags);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decodesHandBuiltSectionsInAnyOrder(boolean direct) {
        ByteBuf raw = RawMessage.opMsg(0)
                .sequence("documents", RawMessage.doc("{a: 1}"))
                .body(RawMessage.doc("{insert: 'c'}"))
                .build();
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        OpMsgRequest decoded = WireChannels.decode(server, raw);
        assertThat(decoded.requestId()).isEqualTo(7);
        assertThat(decoded.commandDocument()).isEqualTo(RawMessage.doc("{insert: 'c', documents: [{a: 1}]}"));
        WireChannels.finish(server, alloc);
    }
}
