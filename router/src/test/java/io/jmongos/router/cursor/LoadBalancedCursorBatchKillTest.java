package io.jmongos.router.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.FakeShard;

/**
 * The cursors of many load-balanced connections killed together: one killCursors per shard and namespace listing
 * every shard cursor id, whatever the number of connections; pinned, exhausted and router-held cursors keep their
 * own rules.
 */
class LoadBalancedCursorBatchKillTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FakeShard shard = new FakeShard();
    private ClusterCursorManager manager;

    @BeforeEach
    void setUp() {
        manager = new ClusterCursorManager(now::get);
        shard.seed("db.c", 10);
        shard.seed("db.d", 10);
        shard.seed("other.c", 10);
    }

    private ClusterCursor open(long connectionId, String db, String coll) {
        return ShardCursorFixture.open(manager, shard, db, coll, origin(connectionId), CursorOptions.DEFAULT);
    }

    private static CursorOrigin origin(long connectionId) {
        return new CursorOrigin(new ClientInfo(connectionId, true, "1.2.3.4:5", null, null), null, null);
    }

    private List<BsonDocument> killCursorsSent() {
        List<BsonDocument> out = new ArrayList<>();
        shard.received().stream().filter(r -> r.name().equals("killCursors"))
                .forEach(r -> out.add(r.command().clone().append("$db", new BsonString(r.db()))));
        return out;
    }

    private static Set<Long> ids(BsonDocument killCursors) {
        Set<Long> out = new HashSet<>();
        for (BsonValue v : killCursors.getArray("cursors")) {
            out.add(v.asInt64().getValue());
        }
        return out;
    }

    @Test
    void manyConnectionsShareOneKillCursorsPerShardAndNamespace() {
        int connections = 200;
        long[] connectionIds = new long[connections];
        Set<Long> onC = new HashSet<>();
        Set<Long> onD = new HashSet<>();
        Set<Long> onOther = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            connectionIds[i] = 1000 + i;
            onC.add(((ShardCursorSource) open(1000 + i, "db", "c").source()).shardCursorId());
            if (i % 2 == 0) {
                onD.add(((ShardCursorSource) open(1000 + i, "db", "d").source()).shardCursorId());
            }
            if (i % 50 == 0) {
                onOther.add(((ShardCursorSource) open(1000 + i, "other", "c").source()).shardCursorId());
            }
        }
        ClusterCursor untouched = open(5000, "db", "c");
        shard.clearReceived();

        int killed = manager.killForLoadBalancedConnections(connectionIds, CursorKillReason.LOAD_BALANCER_DISCONNECT);

        assertThat(killed).isEqualTo(connections + connections / 2 + connections / 50);
        List<BsonDocument> sent = killCursorsSent();
        assertThat(sent).hasSize(3);
        assertThat(sent).anySatisfy(k -> {
            assertThat(k.getString("killCursors").getValue()).isEqualTo("c");
            assertThat(k.getString("$db").getValue()).isEqualTo("db");
            assertThat(ids(k)).isEqualTo(onC);
        });
        assertThat(sent).anySatisfy(k -> {
            assertThat(k.getString("killCursors").getValue()).isEqualTo("d");
            assertThat(ids(k)).isEqualTo(onD);
        });
        assertThat(sent).anySatisfy(k -> {
            assertThat(k.getString("$db").getValue()).isEqualTo("other");
            assertThat(ids(k)).isEqualTo(onOther);
        });
        assertThat(shard.openCursors()).isEqualTo(1);
        assertThat(manager.openTotal()).isEqualTo(1);
        assertThat(manager.get(untouched.id())).isNotNull();
        assertThat(manager.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(killed);
        assertThat(manager.indexedKeys()).containsExactly(1, 0);
        assertThat(manager.killForLoadBalancedConnections(connectionIds, CursorKillReason.LOAD_BALANCER_DISCONNECT))
                .isZero();
        assertThat(killCursorsSent()).hasSize(3);
    }

    @Test
    void pinnedExhaustedAndRouterHeldCursorsKeepTheirOwnRules() {
        ClusterCursor idle = open(1, "db", "c");
        ClusterCursor pinnedCursor = open(2, "db", "c");
        ClusterCursor drained = open(3, "db", "c");
        ClusterCursor local = manager.register("admin.$cmd.aggregate",
                new LocalCursorSource(List.of(new BsonDocument("a", new BsonInt32(1)))), origin(3),
                new BsonDocument("aggregate", new BsonInt32(1)), CursorOptions.DEFAULT, 0);
        ClusterCursor pinned = manager.checkOut(pinnedCursor.id(), "db.c", null, null);
        CursorBatch rest = drained.source().next(0, null, new BsonDocument()); // the shard cursor is now exhausted
        assertThat(rest.exhausted()).isTrue();
        shard.clearReceived();

        assertThat(manager.killForLoadBalancedConnections(new long[] {1, 2, 3},
                CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(4);

        List<BsonDocument> sent = killCursorsSent();
        assertThat(sent).hasSize(1); // the idle one only: the exhausted one is gone at the shard already
        assertThat(ids(sent.get(0))).containsExactly(((ShardCursorSource) idle.source()).shardCursorId());
        assertThat(manager.get(local.id())).isNull();
        assertThat(manager.get(drained.id())).isNull();
        assertThat(manager.get(pinnedCursor.id())).isNotNull(); // killed when its getMore checks it in

        manager.checkIn(pinned, 0, false);
        assertThat(manager.get(pinnedCursor.id())).isNull();
        assertThat(killCursorsSent()).hasSize(2);
        assertThat(shard.openCursors()).isZero();
        assertThat(manager.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(4);
    }
}
