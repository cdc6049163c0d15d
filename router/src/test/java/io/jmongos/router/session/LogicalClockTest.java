package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class LogicalClockTest {
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    private final LogicalClock clock = new LogicalClock(wall::get);

    @Test
    void ticksIncreaseWithinASecondAndJumpToTheWallClock() {
        BsonTimestamp a = clock.tick();
        BsonTimestamp b = clock.tick();
        assertThat(b.compareTo(a)).isPositive();
        assertThat(b.getTime()).isEqualTo(a.getTime());
        assertThat(b.getInc()).isEqualTo(a.getInc() + 1);
        wall.addAndGet(5000);
        BsonTimestamp c = clock.tick();
        assertThat(c.getTime()).isEqualTo(1_700_000_005);
        assertThat(c.getInc()).isEqualTo(1);
        assertThat(clock.current()).isEqualTo(c);
    }

    @Test
    void advancesToGossipedTimesButNeverBackOrAbsurdlyFar() {
        BsonTimestamp start = clock.current();
        clock.advanceTo(new BsonTimestamp(start.getTime() + 10, 3));
        assertThat(clock.current()).isEqualTo(new BsonTimestamp(start.getTime() + 10, 3));
        clock.advanceTo(start);
        assertThat(clock.current()).isEqualTo(new BsonTimestamp(start.getTime() + 10, 3));
        clock.advanceTo(new BsonTimestamp((int) (start.getTime() + LogicalClock.MAX_ACCEPTABLE_DRIFT_SECS + 100), 1));
        assertThat(clock.current().getTime()).isEqualTo(start.getTime() + 10);
        assertThat(clock.tick()).isEqualTo(new BsonTimestamp(start.getTime() + 10, 4));
    }
}
