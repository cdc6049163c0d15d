package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.common.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MongoDB's BSON depth limit on incoming messages (BSONDepth::kDefaultMaxAllowableDepth = 200 levels below the top
 * level): at the limit a request decodes; one level deeper it becomes a {@link RejectedRequest} with Overflow (15)
 * and MongoDB's message, so the server answers instead of closing. Every buffer is released.
 */
class BsonDepthTest {
    /** A top-level document with {@code nested} levels below it: {@code {a: {a: ... {leaf: 1}}}}. */
    static BsonDocument nested(String name, int nested) {
        BsonDocument doc = new BsonDocument("leaf", new BsonInt32(1));
        for (int i = 0; i < nested; i++) {
            doc = new BsonDocument(name, doc);
        }
        return doc;
    }

    private static String path(String name, int times) {
        return String.join(".", java.util.Collections.nCopies(times, name));
    }

    private static <T> T decode(ByteBuf message) {
        TrackingAllocator alloc = new TrackingAllocator(false);
        EmbeddedChannel server = WireChannels.server(alloc);
        T decoded = WireChannels.decode(server, message);
        WireChannels.finish(server, alloc);
        return decoded;
    }

    @Test
    void bodyAtTheLimitDecodes() {
        BsonDocument body = nested("a", WireLimits.MAX_BSON_DEPTH);
        OpMsgRequest request = decode(RawMessage.opMsg(0).body(body).build());
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void bodyOneLevelDeeperIsRejectedWithOverflow() {
        RejectedRequest r = decode(RawMessage.opMsg(0).body(nested("a", WireLimits.MAX_BSON_DEPTH + 1)).build());
        assertThat(r.requestId()).isEqualTo(7);
        assertThat(r.opCode()).isEqualTo(OpCode.OP_MSG);
        assertThat(r.moreToCome()).isFalse();
        assertThat(r.code()).isEqualTo(ErrorCode.OVERFLOW);
        assertThat(r.message()).isEqualTo("BSONObj exceeds maximum nested object depth in element with field name '"
                + path("a", WireLimits.MAX_BSON_DEPTH + 1) + "'");
        assertThat(r.error().toReply().getInt32("code").getValue()).isEqualTo(15);
    }

    @Test
    void arraysCountAsLevelsAndNameTheirIndexes() {
        BsonValue v = new BsonInt32(1);
        for (int i = 0; i < WireLimits.MAX_BSON_DEPTH; i++) {
            v = new BsonArray(List.of(v));
        }
        OpMsgRequest atLimit = decode(RawMessage.opMsg(0).body(new BsonDocument("x", v).append("$db",
                new BsonString("t"))).build());
        assertThat(atLimit.body().containsKey("x")).isTrue();
        BsonDocument deeper = new BsonDocument("x", new BsonArray(List.of(v)));
        RejectedRequest r = decode(RawMessage.opMsg(0).body(deeper).build());
        assertThat(r.message()).endsWith("field name 'x." + path("0", WireLimits.MAX_BSON_DEPTH) + "'");
    }

    @Test
    void codeWithScopeCountsTwoLevelsAsMongoDbDoes() {
        BsonDocument ok = new BsonDocument("c", new BsonJavaScriptWithScope("f()",
                nested("a", WireLimits.MAX_BSON_DEPTH - 2)));
        assertThat(decode(RawMessage.opMsg(0).body(ok).build()).getClass()).isEqualTo(OpMsgRequest.class);
        BsonDocument deep = new BsonDocument("c", new BsonJavaScriptWithScope("f()",
                nested("a", WireLimits.MAX_BSON_DEPTH - 1)));
        assertThat(decode(RawMessage.opMsg(0).body(deep).build()).getClass()).isEqualTo(RejectedRequest.class);
    }

    @Test
    void documentSequenceTooDeepIsRejectedAndMoreToComeIsKept() {
        ByteBuf message = RawMessage.opMsg(OpMsgFlags.MORE_TO_COME).body(new BsonDocument("insert",
                new BsonString("c"))).sequence("documents", nested("d", WireLimits.MAX_BSON_DEPTH + 1)).build();
        RejectedRequest r = decode(message);
        assertThat(r.moreToCome()).isTrue();
        assertThat(r.code()).isEqualTo(ErrorCode.OVERFLOW);
    }

    @Test
    void opQueryTooDeepIsRejected() {
        ByteBuf message = RawMessage.header(5, 0, OpCode.OP_QUERY.code()).int32(0).cstring("admin.$cmd").int32(0)
                .int32(-1).doc(nested("a", WireLimits.MAX_BSON_DEPTH + 1)).build();
        RejectedRequest r = decode(message);
        assertThat(r.requestId()).isEqualTo(5);
        assertThat(r.opCode()).isEqualTo(OpCode.OP_QUERY);
        assertThat(r.moreToCome()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(WireCompressor.class)
    void compressedRequestTooDeepIsRejectedWithItsCompressor(WireCompressor compressor) {
        TrackingAllocator alloc = new TrackingAllocator(true);
        EmbeddedChannel client = WireChannels.client(alloc);
        ByteBuf bytes = WireChannels.encode(client, new OpMsgRequest(12, 0, nested("a", WireLimits.MAX_BSON_DEPTH
                + 1), Map.of(), compressor));
        RejectedRequest r = decode(bytes);
        assertThat(r.requestId()).isEqualTo(12);
        assertThat(r.compressor()).isEqualTo(compressor);
        WireChannels.finish(client, alloc);
    }

    @Test
    void replyTooDeepStillFailsTheClientDecoder() {
        ByteBuf reply = RawMessage.header(1, 7, OpCode.OP_MSG.code()).int32(0).byte8(0)
                .doc(nested("a", WireLimits.MAX_BSON_DEPTH + 1)).build();
        WireAssertions.assertClientRejects(reply, "BSONObj exceeds maximum nested object depth");
    }
}
