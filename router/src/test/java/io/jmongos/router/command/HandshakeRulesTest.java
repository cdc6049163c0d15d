package io.jmongos.router.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.common.Limits;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.TestRouter;

/** The hello reply and the load-balancer handshake rules, on fake connections of both ports. */
class HandshakeRulesTest {
    private static final String MISMATCH = "The server is being accessed through a load balancer, "
            + "but this driver does not have load balancing enabled";

    private RouterServices services;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        services = TestRouter.services(new EchoShard());
        services.network().setBound(27017, 27018, List.of("127.0.0.1"));
        dispatcher = new CommandDispatcher(services);
    }

    private CommandOutcome run(ClientConnectionState c, String json) {
        return dispatcher.dispatch(c, BsonDocument.parse(json));
    }

    @Test
    void helloReplyHasMongosFields() {
        ClientConnectionState c = TestRouter.connection(false);
        BsonDocument r = run(c, "{hello: 1, helloOk: true, $db: 'admin', client: {driver: {name: 'x'}}}").reply();
        assertThat(r.getBoolean("isWritablePrimary").getValue()).isTrue();
        assertThat(r.containsKey("ismaster")).isFalse();
        assertThat(r.getString("msg").getValue()).isEqualTo("isdbgrid");
        assertThat(r.getInt32("maxBsonObjectSize").getValue()).isEqualTo(16777216);
        assertThat(r.getInt32("maxMessageSizeBytes").getValue()).isEqualTo(48000000);
        assertThat(r.getInt32("maxWriteBatchSize").getValue()).isEqualTo(100000);
        assertThat(r.isDateTime("localTime")).isTrue();
        assertThat(r.getInt32("logicalSessionTimeoutMinutes").getValue()).isEqualTo(30);
        assertThat(r.getNumber("connectionId").longValue()).isEqualTo(c.connectionId());
        assertThat(r.getInt32("minWireVersion").getValue()).isEqualTo(Limits.MIN_WIRE_VERSION);
        assertThat(r.getInt32("maxWireVersion").getValue()).isEqualTo(Limits.MAX_WIRE_VERSION);
        assertThat(r.getDocument("topologyVersion")).isEqualTo(BsonDocument.parse(
                "{processId: {$oid: '" + services.processId().toHexString() + "'}, counter: {$numberLong: '0'}}"));
        assertThat(r.getBoolean("helloOk").getValue()).isTrue();
        assertThat(r.containsKey("saslSupportedMechs")).isFalse();
        assertThat(r.containsKey("serviceId")).isFalse();
        assertThat(r.containsKey("compression")).isFalse();
        assertThat(r.getNumber("ok").intValue()).isEqualTo(1);
        assertThat(c.handshakeDone()).isTrue();
        assertThat(c.clientMetadata()).isEqualTo(BsonDocument.parse("{driver: {name: 'x'}}"));
    }

    @Test
    void isMasterSpellingsAnswerIsmaster() {
        for (String name : new String[] {"isMaster", "ismaster"}) {
            BsonDocument r = run(TestRouter.connection(false), "{" + name + ": 1, $db: 'admin'}").reply();
            assertThat(r.getBoolean("ismaster").getValue()).isTrue();
            assertThat(r.containsKey("isWritablePrimary")).isFalse();
            assertThat(r.containsKey("helloOk")).isFalse();
        }
    }

    @Test
    void compressionIsNegotiatedInClientOrderAgainstEnabledList() {
        services.network().setCompressors(List.of("zstd", "zlib"));
        ClientConnectionState c = TestRouter.connection(false);
        BsonDocument r = run(c, "{hello: 1, compression: ['snappy', 'zlib', 'zstd', 'foo'], $db: 'admin'}").reply();
        assertThat(r.getArray("compression")).isEqualTo(BsonDocument.parse("{a: ['zlib', 'zstd']}").getArray("a"));
        assertThat(c.compressors()).containsExactly("zlib", "zstd");
    }

    @Test
    void disabledCompressionNegotiatesNothing() {
        services.network().setCompressors(List.of());
        ClientConnectionState c = TestRouter.connection(false);
        BsonDocument r = run(c, "{hello: 1, compression: ['snappy'], $db: 'admin'}").reply();
        assertThat(r.getArray("compression")).isEmpty();
        assertThat(c.compressors()).isEmpty();
    }

    @Test
    void lbConnectionRefusesCommandsBeforeHandshakeAndCloses() {
        ClientConnectionState c = TestRouter.connection(true);
        CommandOutcome o = run(c, "{ping: 1, $db: 'admin'}");
        assertMismatch(o);
        assertThat(c.handshakeDone()).isFalse();
    }

    @Test
    void lbConnectionRefusesHelloWithoutLoadBalanced() {
        for (String hello : new String[] {"{hello: 1, $db: 'admin'}", "{isMaster: 1, loadBalanced: false, $db: 'a'}"}) {
            ClientConnectionState c = TestRouter.connection(true);
            assertMismatch(run(c, hello));
        }
    }

    @Test
    void lbConnectionRefusesUnknownCommandBeforeHandshakeWith354NotCommandNotFound() {
        assertMismatch(run(TestRouter.connection(true), "{foo: 1, $db: 'admin'}"));
    }

    @Test
    void lbHandshakeGivesServiceIdOnlyOnFirstHello() {
        ClientConnectionState c = TestRouter.connection(true);
        CommandOutcome first = run(c, "{hello: 1, loadBalanced: true, $db: 'admin'}");
        assertThat(first.closeConnection()).isFalse();
        ObjectId serviceId = first.reply().getObjectId("serviceId").getValue();
        assertThat(serviceId).isEqualTo(services.processId());
        assertThat(c.handshakeDone()).isTrue();
        assertThat(c.loadBalancedHandshake()).isTrue();

        CommandOutcome second = run(c, "{hello: 1, loadBalanced: true, $db: 'admin'}");
        assertThat(second.reply().containsKey("serviceId")).isFalse();
        assertThat(second.closeConnection()).isFalse();
        CommandOutcome ping = run(c, "{ping: 1, $db: 'admin'}");
        assertThat(ping.reply().getNumber("ok").intValue()).isEqualTo(1);
        assertThat(ping.closeConnection()).isFalse();
    }

    @Test
    void serviceIdIsTheSameForEveryLbConnection() {
        BsonDocument a = run(TestRouter.connection(true), "{hello: 1, loadBalanced: true, $db: 'admin'}").reply();
        BsonDocument b = run(TestRouter.connection(true), "{isMaster: 1, loadBalanced: true, $db: 'x'}").reply();
        assertThat(a.getObjectId("serviceId")).isEqualTo(b.getObjectId("serviceId"));
    }

    @Test
    void mainPortLoadBalancedHelloGetsNormalReplyWithoutServiceId() {
        ClientConnectionState c = TestRouter.connection(false);
        CommandOutcome o = run(c, "{hello: 1, loadBalanced: true, $db: 'admin'}");
        assertThat(o.reply().getNumber("ok").intValue()).isEqualTo(1);
        assertThat(o.reply().containsKey("serviceId")).isFalse();
        assertThat(o.closeConnection()).isFalse();
        assertThat(c.loadBalancedHandshake()).isFalse();
    }

    @Test
    void mainPortNeedsNoHandshake() {
        CommandOutcome o = run(TestRouter.connection(false), "{ping: 1, $db: 'admin'}");
        assertThat(o.reply().getNumber("ok").intValue()).isEqualTo(1);
        assertThat(o.closeConnection()).isFalse();
    }

    @Test
    void awaitableHelloWithCurrentTopologyVersionIsDelayed() {
        String tv = "{processId: {$oid: '" + services.processId().toHexString() + "'}, counter: {$numberLong: '0'}}";
        CommandOutcome o = run(TestRouter.connection(false),
                "{hello: 1, topologyVersion: " + tv + ", maxAwaitTimeMS: 500, $db: 'admin'}");
        assertThat(o.replyDelayMillis()).isEqualTo(500);
        CommandOutcome other = run(TestRouter.connection(false), "{hello: 1, topologyVersion: {processId: "
                + "{$oid: '" + new ObjectId().toHexString() + "'}, counter: 0}, maxAwaitTimeMS: 500, $db: 'admin'}");
        assertThat(other.replyDelayMillis()).isZero();
        CommandOutcome bad = run(TestRouter.connection(false),
                "{hello: 1, topologyVersion: " + tv + ", maxAwaitTimeMS: -1, $db: 'admin'}");
        assertThat(bad.reply().getInt32("code").getValue()).isEqualTo(2);
    }

    @Test
    void legacyOpQueryAllowsOnlyHelloOnCmdNamespace() {
        LegacyOpQueryDispatcher legacy = new LegacyOpQueryDispatcher(dispatcher);
        ClientConnectionState c = TestRouter.connection(false);
        CommandOutcome ok = legacy.dispatch(c, "admin.$cmd", BsonDocument.parse("{isMaster: 1}"));
        assertThat(ok.reply().getBoolean("ismaster").getValue()).isTrue();
        CommandOutcome wrapped = legacy.dispatch(c, "admin.$cmd", BsonDocument.parse("{$query: {ismaster: 1}}"));
        assertThat(wrapped.reply().getBoolean("ismaster").getValue()).isTrue();
        CommandOutcome find = legacy.dispatch(c, "test.$cmd", BsonDocument.parse("{find: 'c'}"));
        assertThat(find.reply().getInt32("code").getValue()).isEqualTo(352);
        assertThat(find.reply().getString("codeName").getValue()).isEqualTo("UnsupportedOpQueryCommand");
        assertThat(find.reply().getString("errmsg").getValue()).startsWith("Unsupported OP_QUERY command: find.");
        CommandOutcome legacyFind = legacy.dispatch(c, "test.coll", BsonDocument.parse("{a: 1}"));
        assertThat(legacyFind.reply().getInt32("code").getValue()).isEqualTo(352);
    }

    private static void assertMismatch(CommandOutcome o) {
        assertThat(o.reply().getNumber("ok").intValue()).isZero();
        assertThat(o.reply().getInt32("code").getValue()).isEqualTo(354);
        assertThat(o.reply().getString("codeName").getValue()).isEqualTo("LoadBalancerSupportMismatch");
        assertThat(o.reply().getString("errmsg").getValue()).isEqualTo(MISMATCH);
        assertThat(o.closeConnection()).isTrue();
    }
}
