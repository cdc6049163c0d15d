package io.jmongos.router.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import io.jmongos.router.session.ClientInfo;

/** Kills of a tailable awaitData cursor while its getMore runs: the source is interrupted, the kill is counted. */
class AwaitDataKillTest {
    private final ClusterCursorManager manager = new ClusterCursorManager(System::currentTimeMillis);

    /** A source that records interrupts and kills. */
    private static final class RecordingSource implements CursorSource {
        final AtomicInteger interrupts = new AtomicInteger();
        final AtomicInteger kills = new AtomicInteger();

        @Override
        public CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
            return new CursorBatch(new BsonArray(), false, new BsonDocument());
        }

        @Override
        public void kill() {
            kills.incrementAndGet();
        }

        @Override
        public void interrupt() {
            interrupts.incrementAndGet();
        }
    }

    private ClusterCursor open(RecordingSource source, boolean awaitData, boolean loadBalanced) {
        return manager.register("db.c", source, new CursorOrigin(new ClientInfo(9, loadBalanced, "1.2.3.4:5", null,
                null), null, null), new BsonDocument(), new CursorOptions(false, awaitData, awaitData), 0);
    }

    @Test
    void killCursorsInterruptsAWaitingGetMoreAndCountsAsAClientKill() {
        RecordingSource source = new RecordingSource();
        ClusterCursor c = open(source, true, false);
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        assertThat(manager.kill(c.id(), "db.c")).isTrue();
        assertThat(source.interrupts).hasValue(1);
        manager.checkInAfterError(pinned);
        assertThat(manager.openTotal()).isZero();
        assertThat(manager.killedCount(CursorKillReason.CLIENT)).isEqualTo(1);
        assertThat(manager.killedCount(CursorKillReason.ERROR)).isZero();
    }

    @Test
    void loadBalancerDisconnectInterruptsAndIsCountedAsSuch() {
        RecordingSource source = new RecordingSource();
        ClusterCursor c = open(source, true, true);
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        manager.killMatching(x -> x.origin().loadBalanced(), CursorKillReason.LOAD_BALANCER_DISCONNECT);
        assertThat(source.interrupts).hasValue(1);
        manager.checkIn(pinned, 0, false);
        assertThat(manager.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(1);
        assertThat(source.kills).hasValue(1);
    }

    @Test
    void ordinaryCursorsAreNotInterrupted() {
        RecordingSource source = new RecordingSource();
        ClusterCursor c = open(source, false, false);
        ClusterCursor pinned = manager.checkOut(c.id(), "db.c", null, null);
        manager.kill(c.id(), "db.c");
        assertThat(source.interrupts).hasValue(0);
        manager.checkIn(pinned, 0, false);
        assertThat(source.kills).hasValue(1);
        assertThat(manager.killedCount(CursorKillReason.CLIENT)).isEqualTo(1);
    }
}
