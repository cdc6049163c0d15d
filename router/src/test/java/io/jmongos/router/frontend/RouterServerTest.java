package io.jmongos.router.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterServices;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.TestRouter;
import io.jmongos.wire.OpCode;
import io.jmongos.wire.OpMsgFlags;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.OpQueryRequest;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientOptions;

/**
 * The frontend over real sockets: pipelines, ordering, moreToCome, OP_QUERY, wire errors, LB port, limits. Requests
 * go through {@code wire}'s client ({@link BlockingWireClient}, no handshake: each test sends its own first
 * message); only the malformed frames are written as raw bytes.
 */
class RouterServerTest {
    /** How long a test waits for the server to close a connection: generous, the assertion is that it closes. */
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(20);
    private static final WireClientOptions NO_HANDSHAKE = WireClientOptions.defaults().withoutHandshake();
    private RouterServer server;
    private RouterServices services;

    private RouterServer start(List<String> bindIps, int lbPort) {
        services = TestRouter.services(new EchoShard());
        server = new RouterServer(new FrontendConfig(bindIps, false, 0, lbPort), services);
        server.start();
        return server;
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    private static int ok(BsonDocument reply) {
        return reply.getNumber("ok").intValue();
    }

    private static WireClientOptions.Preamble text(String header) {
        return (local, remote) -> header.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void answersPingAndKeepsRequestOrderForPipelinedRequests() {
        start(List.of("127.0.0.1"), 0);
        assertThat(server.mainPort()).isPositive();
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            assertThat(ok(c.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
            for (int i = 10; i < 20; i++) {
                c.send(OpMsgRequest.of(i, doc("{whatsmyuri: 1, $db: 'admin'}")));
            }
            for (int i = 10; i < 20; i++) {
                WireReply r = c.receiveReply();
                assertThat(r.responseTo()).isEqualTo(i);
                assertThat(BlockingWireClient.document(r).getString("you").getValue()).startsWith("127.0.0.1:");
            }
        }
        assertThat(services.connections().totalCreated()).isEqualTo(1);
    }

    @Test
    void moreToComeGetsNoReply() {
        start(List.of("127.0.0.1"), 0);
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            c.send(new OpMsgRequest(5, OpMsgFlags.MORE_TO_COME, doc("{ping: 1, $db: 'admin'}"), Map.of(),
                    WireCompressor.NOOP));
            // a reply to 5 would arrive first and fail the exchange of 6 as a responseTo mismatch
            assertThat(c.exchange(OpMsgRequest.of(6, doc("{ping: 1, $db: 'admin'}"))).responseTo()).isEqualTo(6);
            assertThat(c.receiveReply()).isNull();
        }
    }

    @Test
    void opQueryHandshakeIsAnsweredWithOpReplyAndOtherOpQueryWith352() {
        start(List.of("127.0.0.1"), 0);
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            WireReply r = c.exchange(opQuery(7, "admin.$cmd", doc("{isMaster: 1}")));
            assertThat(r.opCode()).isEqualTo(OpCode.OP_REPLY);
            assertThat(r.responseTo()).isEqualTo(7);
            assertThat(BlockingWireClient.document(r).getBoolean("ismaster").getValue()).isTrue();
            WireReply err = c.exchange(opQuery(8, "test.$cmd", doc("{find: 'x'}")));
            assertThat(BlockingWireClient.document(err).getInt32("code").getValue()).isEqualTo(352);
            assertThat(ok(c.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
        }
    }

    private static OpQueryRequest opQuery(int requestId, String ns, BsonDocument query) {
        return new OpQueryRequest(requestId, 0, ns, 0, -1, query, null, WireCompressor.NOOP);
    }

    private static OpMsgRequest snappy(int requestId, BsonDocument body) {
        return new OpMsgRequest(requestId, 0, body, Map.of(), WireCompressor.SNAPPY);
    }

    @Test
    void compressedRequestsGetRepliesWithTheSameCompressorExceptHandshakes() {
        start(List.of("127.0.0.1"), 0);
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            WireReply hello = c.exchange(snappy(1, doc("{hello: 1, compression: ['snappy'], $db: 'admin'}")));
            assertThat(hello.compressor()).isEqualTo(WireCompressor.NOOP);
            assertThat(BlockingWireClient.document(hello).getArray("compression").get(0).asString().getValue())
                    .isEqualTo("snappy");
            WireReply ping = c.exchange(snappy(2, doc("{ping: 1, $db: 'admin'}")));
            assertThat(ping.responseTo()).isEqualTo(2);
            assertThat(ping.compressor()).isEqualTo(WireCompressor.SNAPPY);
            assertThat(ok(BlockingWireClient.document(ping))).isEqualTo(1);
        }
        BsonDocument snappy = services.networkCounters().report().getDocument("compression").getDocument("snappy");
        assertThat(snappy.getDocument("decompressor").getInt64("messages").getValue()).isEqualTo(2);
        assertThat(snappy.getDocument("compressor").getInt64("messages").getValue()).isEqualTo(1);
    }

    @Test
    void requestCompressedWithADisabledCompressorClosesTheConnection() {
        start(List.of("127.0.0.1"), 0);
        services.network().setCompressors(List.of("zstd"));
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            c.send(snappy(1, doc("{ping: 1, $db: 'admin'}")));
            assertThat(c.closedByServer(CLOSE_WITHIN)).isTrue();
            assertThatThrownBy(c::receiveReply).isInstanceOf(WireClientException.class);
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() {
        start(List.of("127.0.0.1"), 0);
        try (BlockingWireClient good = BlockingWireClient.open(server.mainPort());
             BlockingWireClient bad = BlockingWireClient.open(server.mainPort())) {
            assertThat(ok(good.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
            bad.writeRaw(new byte[] {3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            assertThat(bad.closedByServer(CLOSE_WITHIN)).isTrue();
            assertThat(ok(good.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
        }
        try (BlockingWireClient unknownOpcode = BlockingWireClient.open(server.mainPort())) {
            byte[] msg = BlockingWireClient.encode(3, doc("{ping: 1, $db: 'admin'}"));
            msg[12] = 0x55;
            unknownOpcode.writeRaw(msg);
            assertThat(unknownOpcode.closedByServer(CLOSE_WITHIN)).isTrue();
        }
    }

    @Test
    void bindsIpv4AndIpv6OnTheSamePort() {
        start(List.of("127.0.0.1", "::1"), 0);
        try (BlockingWireClient v4 = BlockingWireClient.open("127.0.0.1", server.mainPort(), NO_HANDSHAKE);
             BlockingWireClient v6 = BlockingWireClient.open("::1", server.mainPort(), NO_HANDSHAKE)) {
            assertThat(ok(v4.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
            assertThat(v6.run(doc("{whatsmyuri: 1, $db: 'admin'}")).getString("you").getValue())
                    .startsWith("[0:0:0:0:0:0:0:1]:");
        }
    }

    @Test
    void bindAllListensOnIpv4AndIpv6Loopback() {
        services = TestRouter.services(new EchoShard());
        server = new RouterServer(new FrontendConfig(List.of(), true, 0, 0), services);
        server.start();
        try (BlockingWireClient v4 = BlockingWireClient.open("127.0.0.1", server.mainPort(), NO_HANDSHAKE);
             BlockingWireClient v6 = BlockingWireClient.open("::1", server.mainPort(), NO_HANDSHAKE)) {
            assertThat(ok(v4.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
            assertThat(ok(v6.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
        }
    }

    @Test
    void portInUseIsAOneLineBindError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            services = TestRouter.services(new EchoShard());
            RouterServer s = new RouterServer(new FrontendConfig(List.of("127.0.0.1"), false, taken.getLocalPort(), 0),
                    services);
            assertThatThrownBy(s::start).isInstanceOf(ListenerBindException.class)
                    .hasMessageStartingWith("Failed to bind 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void extraConnectionsAreClosedOverMaxIncomingConnections() {
        start(List.of("127.0.0.1"), 0);
        services.network().setMaxIncomingConnections(1);
        try (BlockingWireClient first = BlockingWireClient.open(server.mainPort())) {
            assertThat(ok(first.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
            try (BlockingWireClient second = BlockingWireClient.open(server.mainPort())) {
                assertThat(second.closedByServer(CLOSE_WITHIN)).isTrue();
            }
            assertThat(services.connections().rejected()).isEqualTo(1);
            assertThat(ok(first.run(doc("{ping: 1, $db: 'admin'}")))).isEqualTo(1);
        }
    }

    @Test
    void loadBalancerPortTakesProxyHeaderThenRequiresLoadBalancedHello() throws IOException {
        int lbPort;
        try (ServerSocket s = new ServerSocket(0)) {
            lbPort = s.getLocalPort();
        }
        start(List.of("127.0.0.1"), lbPort);
        assertThat(server.loadBalancerPort()).isEqualTo(lbPort);
        try (BlockingWireClient c = BlockingWireClient.open(lbPort,
                text("PROXY TCP4 203.0.113.7 127.0.0.1 51234 27017\r\n"))) {
            BsonDocument hello = c.run(doc("{hello: 1, loadBalanced: true, $db: 'admin'}"));
            assertThat(hello.getObjectId("serviceId").getValue()).isEqualTo(services.processId());
            assertThat(c.run(doc("{whatsmyuri: 1, $db: 'admin'}")).getString("you").getValue())
                    .isEqualTo("203.0.113.7:51234");
            BsonDocument status = c.run(doc("{serverStatus: 1, $db: 'admin'}"));
            assertThat(status.getDocument("connections").getInt32("loadBalanced").getValue()).isEqualTo(1);
        }
        try (BlockingWireClient noHello = BlockingWireClient.open(lbPort,
                text("PROXY TCP4 203.0.113.8 127.0.0.1 51235 27017\r\n"))) {
            BsonDocument r = noHello.run(doc("{ping: 1, $db: 'admin'}"));
            assertThat(r.getInt32("code").getValue()).isEqualTo(354);
            assertThat(noHello.closedByServer(CLOSE_WITHIN)).isTrue();
        }
        try (BlockingWireClient plain = BlockingWireClient.open(lbPort)) {
            plain.send(doc("{ping: 1, $db: 'admin'}"));
            assertThat(plain.closedByServer(CLOSE_WITHIN)).isTrue();
        }
    }
}
