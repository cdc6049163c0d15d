package io.jmongos.router.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.FakeShard;
import io.jmongos.router.session.LogicalSessionId;

/**
 * The per-connection and per-session cursor indexes behind the disconnect, session-end and transaction-end
 * cleanups: they hold exactly the open cursors, whatever way a cursor goes away.
 */
class ClusterCursorIndexTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FakeShard shard = new FakeShard();
    private ClusterCursorManager manager;

    @BeforeEach
    void setUp() {
        manager = new ClusterCursorManager(now::get);
        shard.seed("db.c", 10);
    }

    private ClusterCursor open(long connectionId, boolean loadBalanced, LogicalSessionId lsid, Long txn) {
        return ShardCursorFixture.open(manager, shard, "db", "c",
                new CursorOrigin(new ClientInfo(connectionId, loadBalanced, "1.2.3.4:5", null, null), lsid, txn),
                CursorOptions.DEFAULT);
    }

    private void assertIndexes(int connections, int sessions, int byConnection, int bySession) {
        assertThat(manager.indexedKeys()).containsExactly(connections, sessions);
        assertThat(manager.indexedCursors()).containsExactly(byConnection, bySession);
    }

    @Test
    void loadBalancedConnectionKillTakesOnlyThatConnectionsCursors() {
        LogicalSessionId s = LogicalSessionId.random();
        ClusterCursor a1 = open(1, true, null, null);
        ClusterCursor a2 = open(1, true, s, 4L);
        ClusterCursor b = open(2, true, null, null);
        ClusterCursor plain = open(1, false, null, null); // same id on the main port: never an LB cursor
        assertIndexes(2, 1, 3, 1);

        assertThat(manager.killForLoadBalancedConnection(1, CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(2);

        assertThat(manager.get(a1.id())).isNull();
        assertThat(manager.get(a2.id())).isNull();
        assertThat(manager.get(b.id())).isNotNull();
        assertThat(manager.get(plain.id())).isNotNull();
        assertThat(manager.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(2);
        assertThat(shard.openCursors()).isEqualTo(2);
        assertIndexes(1, 0, 1, 0);
        assertThat(manager.killForLoadBalancedConnection(1, CursorKillReason.LOAD_BALANCER_DISCONNECT)).isZero();
    }

    @Test
    void exhaustedCursorLeavesTheIndexes() {
        LogicalSessionId s = LogicalSessionId.random();
        ClusterCursor c = open(3, true, s, null);
        assertIndexes(1, 1, 1, 1);
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", s, null);
        CursorBatch b = pinned.source().next(0, null, new BsonDocument());
        manager.checkIn(pinned, b.documents().size(), b.exhausted());
        assertThat(b.exhausted()).isTrue();
        assertIndexes(0, 0, 0, 0);
    }

    @Test
    void clientKillDeferredKillAndFailedGetMoreLeaveTheIndexes() {
        LogicalSessionId s = LogicalSessionId.random();
        ClusterCursor killed = open(4, true, s, null);
        ClusterCursor deferred = open(4, true, s, null);
        ClusterCursor failed = open(5, true, null, null);
        assertIndexes(2, 1, 3, 2);

        assertThat(manager.kill(killed.id(), "db.c")).isTrue();
        assertIndexes(2, 1, 2, 1);

        ClusterCursor pinned = manager.checkOut(deferred.id(), "db.c", s, null);
        assertThat(manager.killForLoadBalancedConnection(4, CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(1);
        assertIndexes(2, 1, 2, 1); // still open until its getMore returns it
        manager.checkIn(pinned, 1, false);
        assertThat(manager.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(1);
        assertIndexes(1, 0, 1, 0);

        ClusterCursor failing = manager.checkOut(failed.id(), "db.c", null, null);
        manager.checkInAfterError(failing);
        assertIndexes(0, 0, 0, 0);
        assertThat(manager.openTotal()).isZero();
    }

    @Test
    void timedOutCursorLeavesTheIndexes() {
        LogicalSessionId s = LogicalSessionId.random();
        open(6, true, s, null);
        now.addAndGet(2_000);
        ClusterCursor fresh = open(6, true, s, null);
        assertThat(manager.reapIdle(1_000)).isEqualTo(1);
        assertIndexes(1, 1, 1, 1);
        assertThat(manager.killForSession(s, CursorKillReason.SESSION_ENDED)).isEqualTo(1);
        assertThat(manager.get(fresh.id())).isNull();
        assertIndexes(0, 0, 0, 0);
    }

    @Test
    void transactionKillTakesOnlyThatTransactionsCursors() {
        LogicalSessionId s = LogicalSessionId.random();
        LogicalSessionId other = LogicalSessionId.random();
        ClusterCursor t5 = open(7, false, s, 5L);
        ClusterCursor t6 = open(7, false, s, 6L);
        ClusterCursor noTxn = open(7, false, s, null);
        ClusterCursor otherT5 = open(7, false, other, 5L);

        assertThat(manager.killForTransaction(s, 5, CursorKillReason.TRANSACTION_ENDED)).isEqualTo(1);

        assertThat(manager.get(t5.id())).isNull();
        assertThat(List.of(t6, noTxn, otherT5)).allSatisfy(c -> assertThat(manager.get(c.id())).isNotNull());
        assertIndexes(0, 2, 0, 3);
    }

    @Test
    void manyConnectionsOpeningAndClosingLeaveNothingBehind() {
        List<Long> ids = new ArrayList<>();
        for (int conn = 100; conn < 200; conn++) {
            LogicalSessionId s = LogicalSessionId.random();
            ids.add(open(conn, true, s, 1L).id());
            ids.add(open(conn, true, null, null).id());
        }
        assertIndexes(100, 100, 200, 100);
        for (int conn = 100; conn < 200; conn += 2) {
            manager.killForLoadBalancedConnection(conn, CursorKillReason.LOAD_BALANCER_DISCONNECT);
        }
        assertThat(manager.killMatching(c -> true, CursorKillReason.CLIENT)).isEqualTo(100);
        assertIndexes(0, 0, 0, 0);
        assertThat(ids).allSatisfy(id -> assertThat(manager.get(id)).isNull());
        assertThat(shard.openCursors()).isZero();
    }
}
