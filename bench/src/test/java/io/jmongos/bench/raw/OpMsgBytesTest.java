package io.jmongos.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class OpMsgBytesTest {

    @Test
    void encodesHeaderFlagsSectionAndBody() {
        BsonDocument cmd = new BsonDocument("ping", new BsonInt32(1));
        byte[] msg = OpMsgBytes.encode(42, cmd);
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(msg.length);
        assertThat(b.getInt()).isEqualTo(42);
        assertThat(b.getInt()).isZero();
        assertThat(b.getInt()).isEqualTo(OpMsgBytes.OP_MSG);
        assertThat(b.getInt()).isZero();
        assertThat(b.get()).isZero();
        assertThat(new RawBsonDocument(msg, b.position(), msg.length - b.position())).isEqualTo(cmd);
    }

    @Test
    void decodesAReplyToOurRequest() {
        byte[] reply = OpMsgBytes.encode(7, new BsonDocument("ok", new BsonInt32(1)));
        ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
        assertThat(OpMsgBytes.decodeReply(reply, 99).getInt32("ok").getValue()).isEqualTo(1);
    }

    @Test
    void rejectsWrongResponseToOpCodeAndLength() {
        byte[] reply = OpMsgBytes.encode(7, new BsonDocument("ok", new BsonInt32(1)));
        assertThatThrownBy(() -> OpMsgBytes.decodeReply(reply, 5)).hasMessageContaining("responseTo");
        byte[] opReply = reply.clone();
        ByteBuffer.wrap(opReply).order(ByteOrder.LITTLE_ENDIAN).putInt(12, OpMsgBytes.OP_REPLY);
        assertThatThrownBy(() -> OpMsgBytes.decodeReply(opReply, 0)).hasMessageContaining("opCode");
        byte[] shortLength = reply.clone();
        ByteBuffer.wrap(shortLength).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 10);
        assertThatThrownBy(() -> OpMsgBytes.decodeReply(shortLength, 0)).hasMessageContaining("length");
        byte[] badDoc = reply.clone();
        ByteBuffer.wrap(badDoc).order(ByteOrder.LITTLE_ENDIAN).putInt(21, 1000);
        assertThatThrownBy(() -> OpMsgBytes.decodeReply(badDoc, 0)).hasMessageContaining("document length");
    }
}
