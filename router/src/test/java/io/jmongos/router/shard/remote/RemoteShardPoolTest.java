package io.jmongos.router.shard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jmongos.router.shard.ShardUnavailableException;
import io.jmongos.wire.client.WireClientResources;

/**
 * The pool of one {@link RemoteShard} against a loopback shard server: connections are reused, never more than the
 * maximum are open, a request that outlives the request timeout gives NetworkTimeout (89) and its connection is
 * closed, idle connections are closed after the host timeout, the minimum is kept while the host is in use.
 */
@Timeout(60)
class RemoteShardPoolTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final BsonDocument PING = BsonDocument.parse("{ping: 1}");

    private WireClientResources resources;
    private ScriptedShardServer server;
    private RemoteShard shard;

    @BeforeEach
    void setUp() {
        resources = WireClientResources.nio(2, "remote-pool-test");
        server = ScriptedShardServer.start();
    }

    @AfterEach
    void tearDown() {
        if (shard != null) {
            shard.close();
        }
        server.close();
        resources.close();
    }

    private RemoteShard shard(RemoteShardSettings settings) {
        shard = new RemoteShard("shard0", server.host(), settings, resources);
        return shard;
    }

    private static RemoteShardSettings settings(int min, int max) {
        return RemoteShardSettings.defaults().withPoolSizes(min, max).withTimeouts(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    @Test
    void sequentialRequestsReuseOneConnection() {
        shard(settings(0, 10));
        for (int i = 0; i < 50; i++) {
            assertThat(shard.runCommand("test", PING).getInt32("n").getValue()).isEqualTo(1);
        }
        assertThat(server.accepted()).isEqualTo(1);
        PoolStats stats = shard.poolStats();
        assertThat(stats.created()).isEqualTo(1);
        assertThat(stats.total()).isEqualTo(1);
        assertThat(stats.idle()).isEqualTo(1);
        assertThat(stats.inUse()).isZero();
    }

    @Test
    void concurrentRequestsNeverOpenMoreThanTheMaximum() throws Exception {
        int max = 3;
        shard(settings(0, max));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(threads.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 20; i++) {
                        ok += shard.runCommand("test", BsonDocument.parse("{sleep: 2}")).getNumber("ok").intValue();
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(20);
            }
        } finally {
            threads.shutdownNow();
        }
        PoolStats stats = shard.poolStats();
        assertThat(stats.peak()).isLessThanOrEqualTo(max);
        assertThat(server.accepted()).isLessThanOrEqualTo(max).isEqualTo((int) stats.created());
        assertThat(stats.inUse()).isZero();
        assertThat(stats.idle()).isEqualTo(stats.total());
        assertThat(server.openConnections()).isEqualTo(stats.total());
    }

    @Test
    void requestThatOutlivesTheRequestTimeoutGivesNetworkTimeoutAndItsConnectionIsClosed() {
        shard(settings(0, 10).withTimeouts(CONNECT_TIMEOUT, Duration.ofMillis(300)));
        assertThat(shard.runCommand("test", PING).getInt32("n").getValue()).isEqualTo(1);
        assertThatThrownBy(() -> shard.runCommand("test", BsonDocument.parse("{stall: 1}")))
                .isInstanceOfSatisfying(ShardUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(89);
                    assertThat(e.codeName()).isEqualTo("NetworkTimeout");
                })
                .hasMessageMatching(".*no reply to request \\d+ .* within \\d+ ms");
        assertThat(shard.poolStats().total()).as("the timed-out connection left the pool").isZero();
        Poll.until("the shard server sees the connection closed", () -> server.openConnections() == 0);
        assertThat(shard.reachable()).as("a slow reply is not an unreachable host").isTrue();
        assertThat(shard.runCommand("test", PING).getInt32("n").getValue()).as("a new connection").isEqualTo(2);
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void requestThatFindsNoFreeConnectionBeforeItsDeadlineGivesNetworkTimeout() throws Exception {
        shard(settings(0, 1).withTimeouts(CONNECT_TIMEOUT, Duration.ofMillis(500)));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // maxTimeMS lengthens the stalled request's own timeout, so the slot it holds outlasts the waiter
            Future<?> stalled = other.submit(() -> shard.runCommand("test",
                    BsonDocument.parse("{stall: 1, maxTimeMS: 3000}")));
            Poll.until("the stalled request holds the only connection", () -> server.stalled() == 1);
            assertThatThrownBy(() -> shard.runCommand("test", PING))
                    .isInstanceOfSatisfying(ShardUnavailableException.class, e -> assertThat(e.code()).isEqualTo(89))
                    .hasMessageContaining("became free");
            assertThatThrownBy(stalled::get).hasCauseInstanceOf(ShardUnavailableException.class);
        } finally {
            other.shutdownNow();
        }
        assertThat(server.accepted()).as("the waiting request opened nothing beyond the maximum").isEqualTo(1);
        assertThat(shard.runCommand("test", PING).getInt32("n").getValue()).isEqualTo(2);
    }

    @Test
    void idleConnectionsAreClosedAfterTheHostTimeout() {
        shard(settings(1, 10).withHostTimeout(Duration.ofMillis(300)));
        assertThat(shard.runCommand("test", PING).getNumber("ok").intValue()).isEqualTo(1);
        Poll.until("the idle connection is closed", () -> shard.poolStats().total() == 0);
        Poll.until("the shard server sees it closed", () -> server.openConnections() == 0);
        int before = server.accepted();
        assertThat(shard.runCommand("test", PING).getInt32("n").getValue()).isEqualTo(before + 1);
    }

    @Test
    void theMinimumIsOpenedAndKeptWhileTheHostIsInUse() {
        shard(settings(2, 10));
        Poll.until("two connections are opened in the background", () -> shard.poolStats().idle() == 2);
        assertThat(server.accepted()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            shard.runCommand("test", PING);
        }
        assertThat(server.accepted()).as("requests use the connections opened for the minimum").isEqualTo(2);
    }
}
