package io.jmongos.router.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.FakeShard;
import io.jmongos.router.session.LogicalSessionId;

class ClusterCursorManagerTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FakeShard shard = new FakeShard();
    private ClusterCursorManager manager;

    @BeforeEach
    void setUp() {
        manager = new ClusterCursorManager(now::get);
        shard.seed("db.c", 10);
    }

    /** Open a shard cursor over db.c with a first batch of 2 and register it. */
    private ClusterCursor open(LogicalSessionId lsid, Long txn, CursorOptions options) {
        return ShardCursorFixture.open(manager, shard, "db", "c",
                new CursorOrigin(new ClientInfo(7, false, "1.2.3.4:5", null, null), lsid, txn), options);
    }

    @Test
    void getMoreBatchesThenFreesExhaustedCursor() {
        ClusterCursor c = open(null, null, CursorOptions.DEFAULT);
        assertThat(c.id()).isNotZero();
        assertThat(manager.openTotal()).isEqualTo(1);

        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        CursorBatch b = pinned.source().next(3, null, new BsonDocument());
        manager.checkIn(pinned, b.documents().size(), b.exhausted());
        assertThat(b.documents()).hasSize(3);
        assertThat(b.exhausted()).isFalse();
        assertThat(c.docsReturned()).isEqualTo(5);

        pinned = manager.checkOut(c.id(), "db.c", null, null);
        b = pinned.source().next(0, null, new BsonDocument());
        manager.checkIn(pinned, b.documents().size(), b.exhausted());
        assertThat(b.documents()).hasSize(5);
        assertThat(b.exhausted()).isTrue();
        assertThat(manager.openTotal()).isZero();
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.c", null, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(43);
                    assertThat(e.codeName()).isEqualTo("CursorNotFound");
                    assertThat(e.getMessage()).isEqualTo("Cursor not found (id: " + c.id() + ").");
                });
    }

    @Test
    void wrongNamespaceIsUnauthorizedAndLeavesCursorUsable() {
        ClusterCursor c = open(null, null, CursorOptions.DEFAULT);
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.other", null, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(13);
                    assertThat(e.getMessage()).isEqualTo("Requested getMore on namespace 'db.other', but cursor "
                            + "belongs to a different namespace db.c");
                });
        assertThat(manager.checkOut(c.id(), "db.c", null, null)).isSameAs(c);
    }

    @Test
    void sessionAndTransactionMustMatch() {
        LogicalSessionId a = LogicalSessionId.random();
        LogicalSessionId b = LogicalSessionId.random();
        ClusterCursor c = open(a, null, CursorOptions.DEFAULT);
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.c", b, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(50801);
                    assertThat(e.getMessage()).startsWith("Cannot run getMore on cursor " + c.id()
                            + ", which was created in session " + a.id()).contains(", in session " + b.id());
                });
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.c", null, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50800));
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.c", a, 3L))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50802));
        ClusterCursor noSession = open(null, null, CursorOptions.DEFAULT);
        assertThatThrownBy(() -> manager.checkOut(noSession.id(), "db.c", a, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50799));
        ClusterCursor inTxn = open(a, 5L, CursorOptions.DEFAULT);
        assertThatThrownBy(() -> manager.checkOut(inTxn.id(), "db.c", a, 6L))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50804));
        assertThatThrownBy(() -> manager.checkOut(inTxn.id(), "db.c", a, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50803));
        assertThat(manager.checkOut(inTxn.id(), "db.c", a, 5L)).isSameAs(inTxn);
    }

    @Test
    void pinnedCursorIsInUseAndItsKillIsDeferredToCheckIn() {
        ClusterCursor c = open(null, null, CursorOptions.DEFAULT);
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        assertThatThrownBy(() -> manager.checkOut(c.id(), "db.c", null, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(292);
                    assertThat(e.codeName()).isEqualTo("CursorInUse");
                });
        assertThat(manager.kill(c.id(), "db.c")).isTrue();
        assertThat(shard.openCursors()).isEqualTo(1);
        manager.checkIn(pinned, 1, false);
        assertThat(manager.openTotal()).isZero();
        assertThat(shard.openCursors()).isZero();
    }

    @Test
    void killKillsTheShardCursorAndReportsNotFoundForOthers() {
        ClusterCursor c = open(null, null, CursorOptions.DEFAULT);
        assertThat(manager.kill(c.id(), "db.other")).isFalse();
        assertThat(manager.kill(c.id() + 1, "db.c")).isFalse();
        assertThat(manager.kill(c.id(), "db.c")).isTrue();
        assertThat(shard.openCursors()).isZero();
        assertThat(shard.count("killCursors")).isEqualTo(1);
        assertThat(manager.kill(c.id(), "db.c")).isFalse();
    }

    @Test
    void reaperKillsOnlyIdleCursorsWithATimeout() {
        ClusterCursor idle = open(null, null, CursorOptions.DEFAULT);
        ClusterCursor forever = open(null, null, new CursorOptions(true, false, false));
        now.addAndGet(500);
        ClusterCursor fresh = open(null, null, CursorOptions.DEFAULT);
        ClusterCursor busy = open(null, null, CursorOptions.DEFAULT);
        manager.checkOut(busy.id(), "db.c", null, null);
        now.addAndGet(700);

        assertThat(manager.reapIdle(1000)).isEqualTo(1);

        assertThat(manager.get(idle.id())).isNull();
        assertThat(manager.get(forever.id())).isNotNull();
        assertThat(manager.get(fresh.id())).isNotNull();
        assertThat(manager.get(busy.id())).isNotNull();
        assertThat(manager.killedCount(CursorKillReason.TIMEOUT)).isEqualTo(1);
        assertThat(manager.openNoTimeout()).isEqualTo(1);
        assertThat(manager.openPinned()).isEqualTo(1);
        assertThat(shard.openCursors()).isEqualTo(3);
    }

    @Test
    void failedGetMoreDestroysTheCursor() {
        ClusterCursor c = open(null, null, CursorOptions.DEFAULT);
        shard.override = cmd -> cmd.getFirstKey().equals("getMore") ? FakeShard.error(50, "MaxTimeMSExpired", "x")
                : null;
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        assertThatThrownBy(() -> pinned.source().next(1, null, new BsonDocument()))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50));
        manager.checkInAfterError(pinned);
        assertThat(manager.openTotal()).isZero();
        assertThat(manager.killedCount(CursorKillReason.ERROR)).isEqualTo(1);
    }

    @Test
    void killMatchingCountsByReason() {
        LogicalSessionId a = LogicalSessionId.random();
        open(a, null, CursorOptions.DEFAULT);
        open(a, null, CursorOptions.DEFAULT);
        open(null, null, CursorOptions.DEFAULT);
        assertThat(manager.killMatching(c -> a.equals(c.origin().lsid()), CursorKillReason.SESSION_ENDED))
                .isEqualTo(2);
        assertThat(manager.killedCount(CursorKillReason.SESSION_ENDED)).isEqualTo(2);
        assertThat(manager.openTotal()).isEqualTo(1);
    }

    @Test
    void idsAreNonZeroPositiveAndNeverRepeat() {
        CursorIdGenerator g = new CursorIdGenerator(42);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long id = g.next();
            assertThat(id).isPositive();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void permutationIsABijectionOnASmallDomainSample() {
        Set<Long> images = new HashSet<>();
        for (long x = 0; x < 100_000; x++) {
            images.add(CursorIdGenerator.permute(x));
        }
        assertThat(images).hasSize(100_000);
    }
}
