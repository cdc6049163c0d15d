package io.jmongos.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ChangeLogTest {
    private static final long WALL = 1_700_000_000_000L;

    private static ChangeRecord insert(String coll) {
        return new ChangeRecord(ChangeKind.INSERT, "db", coll, null, new byte[5], new byte[10], null, null, WALL,
                null);
    }

    private static List<String> collections(ChangeLog.Read read) {
        return read.entries().stream().map(e -> e.record().collection()).toList();
    }

    @Test
    void timesIncreaseFromTheWallClockSecond() {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        long first = log.append(List.of(insert("a"), insert("b")));
        assertThat(first).isEqualTo((WALL / 1000) << 32 | 1);
        assertThat(log.append(List.of(insert("c")))).isEqualTo(first + 2);
        assertThat(collections(log.read(0, 10))).isEqualTo(List.of("a", "b", "c"));
        assertThat(log.read(first, 10).entries()).extracting(ChangeLog.Entry::time).containsExactly(first + 1,
                first + 2);
    }

    @Test
    void readersStopBeforeAnOpenReservationUntilItIsPublished() {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        long start = log.visibleTime();
        ChangeLog.Reservation early = log.reserve(List.of(insert("early")));
        ChangeLog.Reservation late = log.reserve(List.of(insert("late")));
        log.publish(late);
        assertThat(log.read(start, 10).entries()).isEmpty();
        assertThat(log.visibleTime()).isEqualTo(start);
        log.publish(early);
        assertThat(collections(log.read(start, 10))).containsExactly("early", "late");
    }

    @Test
    void cancelledReservationsLeaveNothing() {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        long start = log.visibleTime();
        ChangeLog.Reservation aborted = log.reserve(List.of(insert("aborted"), insert("aborted2")));
        log.append(List.of(insert("kept")));
        log.cancel(aborted);
        assertThat(collections(log.read(start, 10))).containsExactly("kept");
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void evictionByCountMovesLostThrough() {
        ChangeLog log = new ChangeLog(3, 1 << 20, () -> WALL);
        long start = log.visibleTime();
        long first = log.append(List.of(insert("1"), insert("2"), insert("3"), insert("4"), insert("5")));
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.lostThrough()).isEqualTo(first + 1);
        assertThat(log.read(start, 10).historyLost()).isTrue();
        assertThat(log.read(first, 10).historyLost()).isTrue();
        ChangeLog.Read ok = log.read(first + 1, 10);
        assertThat(ok.historyLost()).isFalse();
        assertThat(collections(ok)).containsExactly("3", "4", "5");
    }

    @Test
    void evictionByBytes() {
        long perRecord = insert("x").approxBytes();
        ChangeLog log = new ChangeLog(1000, perRecord * 2, () -> WALL);
        log.append(List.of(insert("1"), insert("2"), insert("3")));
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void readLimitReportsHowFarItScanned() {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        long start = log.visibleTime();
        long first = log.append(List.of(insert("1"), insert("2"), insert("3")));
        ChangeLog.Read two = log.read(start, 2);
        assertThat(two.entries()).hasSize(2);
        assertThat(two.scannedTo()).isEqualTo(first + 1);
        assertThat(log.read(first + 1, 2).scannedTo()).isEqualTo(first + 2);
    }

    @Test
    void aWaitingReaderWakesOnPublish() throws Exception {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        long start = log.visibleTime();
        CompletableFuture<ChangeLog.Read> reader = CompletableFuture.supplyAsync(() -> {
            log.awaitAfter(start, TimeUnit.MINUTES.toMillis(1), () -> false);
            return log.read(start, 10);
        });
        log.append(List.of(insert("new")));
        assertThat(collections(reader.get(30, TimeUnit.SECONDS))).containsExactly("new");
    }

    @Test
    void aWaitingReaderWakesWhenStoppedOrClosed() throws Exception {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(
                () -> log.awaitAfter(log.visibleTime(), TimeUnit.MINUTES.toMillis(1), stop::get));
        stop.set(true);
        log.wakeAll();
        stopped.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(
                () -> log.awaitAfter(log.visibleTime(), TimeUnit.MINUTES.toMillis(1), () -> false));
        log.close();
        closed.get(30, TimeUnit.SECONDS);
        assertThat(log.isClosed()).isTrue();
    }

    @Test
    void emptyReservationsAreRefused() {
        ChangeLog log = new ChangeLog(10, 1 << 20, () -> WALL);
        assertThatThrownBy(() -> log.reserve(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
