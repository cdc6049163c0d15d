package io.jmongos.router.shard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.router.frontend.proxy.LogCapture;
import io.jmongos.router.shard.ShardUnavailableException;
import io.jmongos.wire.client.WireClientResources;

/**
 * A shard host that is down, silent, or comes back, through a real {@link RemoteShard} on loopback sockets: the
 * client gets HostUnreachable (6) bounded by the connect timeout, never a hang; the shard is reached again once it
 * returns, without a new RemoteShard; and exactly one log line is written per reachability change.
 */
@Timeout(60)
class RemoteShardReachabilityTest {
    /** Far above every connect in these tests, so an error that names it came from the connect path. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final BsonDocument PING = BsonDocument.parse("{ping: 1}");

    private WireClientResources resources;
    private RemoteShard shard;
    private ScriptedShardServer server;

    @BeforeEach
    void setUp() {
        resources = WireClientResources.nio(2, "remote-shard-test");
    }

    @AfterEach
    void tearDown() {
        if (shard != null) {
            shard.close();
        }
        if (server != null) {
            server.close();
        }
        resources.close();
    }

    private static RemoteShardSettings settings() {
        return RemoteShardSettings.defaults().withPoolSizes(0, 4).withTimeouts(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertUnavailable(Runnable request, int code) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(ShardUnavailableException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void shardThatIsDownGivesHostUnreachableAndLaterRequestsFailAtOnce() throws IOException {
        shard = new RemoteShard("shard0", "127.0.0.1:" + closedPort(), settings(), resources);
        assertThatThrownBy(() -> shard.runCommand("test", PING))
                .isInstanceOfSatisfying(ShardUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.codeName()).isEqualTo("HostUnreachable");
                })
                .hasMessageContaining("shard0").hasMessageContaining("could not connect");
        assertThat(shard.reachable()).isFalse();
        long created = shard.poolStats().created();
        for (int i = 0; i < 5; i++) {
            assertUnavailable(() -> shard.runCommand("test", PING), 6);
        }
        assertThat(shard.poolStats().total()).as("no connection is held for a host that is down").isZero();
        assertThat(shard.poolStats().created()).isEqualTo(created).isZero();
    }

    @Test
    void hostThatAcceptsButNeverAnswersGivesHostUnreachableAfterTheConnectTimeout() {
        server = ScriptedShardServer.start();
        server.silentHandshake(true);
        shard = new RemoteShard("shard0", server.host(), settings(), resources);
        assertThatThrownBy(() -> shard.runCommand("test", PING))
                .isInstanceOfSatisfying(ShardUnavailableException.class, e -> assertThat(e.code()).isEqualTo(6))
                .hasMessageContaining("could not connect").hasMessageContaining("handshake");
        assertThat(server.stalled()).as("the hello went out and got no answer").isPositive();
        Poll.until("the silent connection is closed", () -> server.openConnections() == 0);
        assertThat(shard.poolStats().total()).isZero();
    }

    @Test
    void shardThatReturnsIsReachedAgainWithOneLogLinePerStateChange() {
        server = ScriptedShardServer.start();
        try (LogCapture log = new LogCapture(HostReachability.class)) {
            shard = new RemoteShard("shard0", server.host(), settings(), resources);
            assertThat(shard.runCommand("test", PING).getNumber("ok").intValue()).isEqualTo(1);
            assertThat(shard.reachable()).isTrue();

            for (int outage = 1; outage <= 2; outage++) {
                server.stop();
                Poll.until("requests fail while the shard is down", () -> failsWithHostUnreachable());
                for (int i = 0; i < 20; i++) {
                    assertUnavailable(() -> shard.runCommand("test", PING), 6);
                }
                assertThat(shard.reachable()).isFalse();
                server.restart();
                Poll.until("a request succeeds after the shard returned", this::succeeds);
                assertThat(shard.reachable()).isTrue();
            }

            List<ILoggingEvent> lines = log.events();
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "Shard host is reachable", "Shard host is unreachable", "Shard host is reachable",
                    "Shard host is unreachable", "Shard host is reachable");
            assertThat(lines).extracting(ILoggingEvent::getLevel)
                    .containsExactly(Level.INFO, Level.WARN, Level.INFO, Level.WARN, Level.INFO);
            assertThat(LogCapture.attrs(lines.get(0))).containsEntry("shard", "shard0")
                    .containsEntry("host", server.host()).containsEntry("previousState", "unknown");
            assertThat(LogCapture.attrs(lines.get(1))).containsEntry("host", server.host()).containsKey("error");
            assertThat(LogCapture.attrs(lines.get(2))).containsEntry("previousState", "unreachable");
        }
    }

    private boolean failsWithHostUnreachable() {
        try {
            shard.runCommand("test", PING);
            return false;
        } catch (ShardUnavailableException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(6);
            return !shard.reachable();
        }
    }

    private boolean succeeds() {
        try {
            return shard.runCommand("test", PING).getNumber("ok").intValue() == 1;
        } catch (ShardUnavailableException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(6);
            return false;
        }
    }
}
