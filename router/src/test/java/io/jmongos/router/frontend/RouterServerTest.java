package io.jmongos.router.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterServices;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.RawWireClient;
import io.jmongos.router.testing.TestRouter;

/** The frontend over real sockets: pipelines, ordering, moreToCome, OP_QUERY, wire errors, LB port, limits. */
class RouterServerTest {
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

    @Test
    void answersPingAndKeepsRequestOrderForPipelinedRequests() throws IOException {
        start(List.of("127.0.0.1"), 0);
        assertThat(server.mainPort()).isPositive();
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.mainPort())) {
            assertThat(c.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
            for (int i = 10; i < 20; i++) {
                c.sendRaw(RawWireClient.opMsg(i, 0, doc("{whatsmyuri: 1, $db: 'admin'}")));
            }
            for (int i = 10; i < 20; i++) {
                RawWireClient.Reply r = c.read();
                assertThat(r.responseTo()).isEqualTo(i);
                assertThat(r.document().getString("you").getValue()).startsWith("127.0.0.1:");
            }
        }
        assertThat(services.connections().totalCreated()).isEqualTo(1);
    }

    @Test
    void moreToComeGetsNoReply() throws IOException {
        start(List.of("127.0.0.1"), 0);
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.mainPort())) {
            c.sendRaw(RawWireClient.opMsg(5, RawWireClient.MORE_TO_COME, doc("{ping: 1, $db: 'admin'}")));
            c.sendRaw(RawWireClient.opMsg(6, 0, doc("{ping: 1, $db: 'admin'}")));
            assertThat(c.read().responseTo()).isEqualTo(6);
        }
    }

    @Test
    void opQueryHandshakeIsAnsweredWithOpReplyAndOtherOpQueryWith352() throws IOException {
        start(List.of("127.0.0.1"), 0);
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.mainPort())) {
            c.sendRaw(RawWireClient.opQuery(7, "admin.$cmd", doc("{isMaster: 1}")));
            RawWireClient.Reply r = c.read();
            assertThat(r.opCode()).isEqualTo(RawWireClient.OP_REPLY);
            assertThat(r.responseTo()).isEqualTo(7);
            assertThat(r.document().getBoolean("ismaster").getValue()).isTrue();
            c.sendRaw(RawWireClient.opQuery(8, "test.$cmd", doc("{find: 'x'}")));
            RawWireClient.Reply err = c.read();
            assertThat(err.document().getInt32("code").getValue()).isEqualTo(352);
            assertThat(c.command(9, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
        }
    }

    @Test
    void compressedRequestsGetRepliesWithTheSameCompressorExceptHandshakes() throws IOException {
        start(List.of("127.0.0.1"), 0);
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.mainPort())) {
            c.sendRaw(RawWireClient.opMsgSnappy(1, doc("{hello: 1, compression: ['snappy'], $db: 'admin'}")));
            RawWireClient.Reply hello = c.read();
            assertThat(hello.compressorId()).isEqualTo(-1);
            assertThat(hello.document().getArray("compression").get(0).asString().getValue()).isEqualTo("snappy");
            c.sendRaw(RawWireClient.opMsgSnappy(2, doc("{ping: 1, $db: 'admin'}")));
            RawWireClient.Reply ping = c.read();
            assertThat(ping.responseTo()).isEqualTo(2);
            assertThat(ping.compressorId()).isEqualTo(RawWireClient.SNAPPY);
            assertThat(ping.document().getNumber("ok").intValue()).isEqualTo(1);
        }
        BsonDocument snappy = services.networkCounters().report().getDocument("compression").getDocument("snappy");
        assertThat(snappy.getDocument("decompressor").getInt64("messages").getValue()).isEqualTo(2);
        assertThat(snappy.getDocument("compressor").getInt64("messages").getValue()).isEqualTo(1);
    }

    @Test
    void requestCompressedWithADisabledCompressorClosesTheConnection() throws IOException {
        start(List.of("127.0.0.1"), 0);
        services.network().setCompressors(List.of("zstd"));
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.mainPort())) {
            c.sendRaw(RawWireClient.opMsgSnappy(1, doc("{ping: 1, $db: 'admin'}")));
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws IOException {
        start(List.of("127.0.0.1"), 0);
        try (RawWireClient good = new RawWireClient("127.0.0.1", server.mainPort());
             RawWireClient bad = new RawWireClient("127.0.0.1", server.mainPort())) {
            assertThat(good.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
            bad.sendRaw(new byte[] {3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            assertThat(bad.closedByServer()).isTrue();
            assertThat(good.command(2, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
        }
        try (RawWireClient unknownOpcode = new RawWireClient("127.0.0.1", server.mainPort())) {
            byte[] msg = RawWireClient.opMsg(3, 0, doc("{ping: 1, $db: 'admin'}"));
            msg[12] = 0x55;
            unknownOpcode.sendRaw(msg);
            assertThat(unknownOpcode.closedByServer()).isTrue();
        }
    }

    @Test
    void bindsIpv4AndIpv6OnTheSamePort() throws IOException {
        start(List.of("127.0.0.1", "::1"), 0);
        try (RawWireClient v4 = new RawWireClient("127.0.0.1", server.mainPort());
             RawWireClient v6 = new RawWireClient("::1", server.mainPort())) {
            assertThat(v4.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
            assertThat(v6.command(1, doc("{whatsmyuri: 1, $db: 'admin'}")).getString("you").getValue())
                    .startsWith("[0:0:0:0:0:0:0:1]:");
        }
    }

    @Test
    void bindAllListensOnIpv4AndIpv6Loopback() throws IOException {
        services = TestRouter.services(new EchoShard());
        server = new RouterServer(new FrontendConfig(List.of(), true, 0, 0), services);
        server.start();
        try (RawWireClient v4 = new RawWireClient("127.0.0.1", server.mainPort());
             RawWireClient v6 = new RawWireClient("::1", server.mainPort())) {
            assertThat(v4.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
            assertThat(v6.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
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
    void extraConnectionsAreClosedOverMaxIncomingConnections() throws IOException {
        start(List.of("127.0.0.1"), 0);
        services.network().setMaxIncomingConnections(1);
        try (RawWireClient first = new RawWireClient("127.0.0.1", server.mainPort())) {
            assertThat(first.command(1, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
            try (RawWireClient second = new RawWireClient("127.0.0.1", server.mainPort())) {
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(services.connections().rejected()).isEqualTo(1);
            assertThat(first.command(2, doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
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
        try (RawWireClient c = new RawWireClient("127.0.0.1", lbPort)) {
            c.sendText("PROXY TCP4 203.0.113.7 127.0.0.1 51234 27017\r\n");
            BsonDocument hello = c.command(1, doc("{hello: 1, loadBalanced: true, $db: 'admin'}"));
            assertThat(hello.getObjectId("serviceId").getValue()).isEqualTo(services.processId());
            assertThat(c.command(2, doc("{whatsmyuri: 1, $db: 'admin'}")).getString("you").getValue())
                    .isEqualTo("203.0.113.7:51234");
            BsonDocument status = c.command(3, doc("{serverStatus: 1, $db: 'admin'}"));
            assertThat(status.getDocument("connections").getInt32("loadBalanced").getValue()).isEqualTo(1);
        }
        try (RawWireClient noHello = new RawWireClient("127.0.0.1", lbPort)) {
            noHello.sendText("PROXY TCP4 203.0.113.8 127.0.0.1 51235 27017\r\n");
            BsonDocument r = noHello.command(1, doc("{ping: 1, $db: 'admin'}"));
            assertThat(r.getInt32("code").getValue()).isEqualTo(354);
            assertThat(noHello.closedByServer()).isTrue();
        }
        try (RawWireClient plain = new RawWireClient("127.0.0.1", lbPort)) {
            plain.sendRaw(RawWireClient.opMsg(1, 0, doc("{ping: 1, $db: 'admin'}")));
            assertThat(plain.closedByServer()).isTrue();
        }
    }
}
