package io.jmongos.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How counter samples become per-client cleanup times: upper bounds, in close order. */
class CleanupCounterPollerTest {
    private static final long MS = 1_000_000L;

    @Test
    void aSampleIsTimedByTheServersClockRoundedUpAndKeptWithinThePoll() {
        long offset = 5_000 * MS; // our nanoTime = wall clock + 5 s
        // the server read its counters at wall 100 ms (up to 101 ms): 5,101 ms on our clock, inside the poll
        assertThat(CleanupCounterPoller.sampleNanos(100, offset, 5_095 * MS, 5_110 * MS)).isEqualTo(5_101 * MS);
        // a server clock reading outside the poll is clamped to its send or receive time
        assertThat(CleanupCounterPoller.sampleNanos(90, offset, 5_095 * MS, 5_110 * MS)).isEqualTo(5_095 * MS);
        assertThat(CleanupCounterPoller.sampleNanos(200, offset, 5_095 * MS, 5_110 * MS)).isEqualTo(5_110 * MS);
    }

    @Test
    void theKthCloseIsMatchedWithTheFirstSampleShowingKCleanups() {
        CleanupCounterPoller.Counts base = new CleanupCounterPoller.Counts(10, 10, 0);
        CleanupCounterPoller.Series s = new CleanupCounterPoller.Series(
                new long[] {10 * MS, 20 * MS, 30 * MS},
                new long[] {10, 8, 7}, // cursors: 2 gone by 20 ms, 3 by 30 ms
                new long[] {9, 8, 7}, // transactions: 1 gone by 10 ms, 2 by 20 ms, 3 by 30 ms
                3, 1.0);
        long[] closedAt = {5 * MS, 6 * MS, 7 * MS};

        CleanupCounterPoller.Outcome o = CleanupCounterPoller.outcome(s, base, closedAt);

        assertThat(o.remaining()).isZero();
        assertThat(o.cursorMillis()).containsExactly(15.0, 14.0, 23.0);
        assertThat(o.txnMillis()).containsExactly(5.0, 14.0, 23.0);
        assertThat(o.perClientMillis()).containsExactly(15.0, 14.0, 23.0);
        assertThat(o.lastGoneNanos()).isEqualTo(30 * MS);
    }

    @Test
    void clientsWhoseCleanupWasNeverSeenAreCountedAsRemaining() {
        CleanupCounterPoller.Counts base = new CleanupCounterPoller.Counts(10, 10, 0);
        CleanupCounterPoller.Series s = new CleanupCounterPoller.Series(new long[] {10 * MS}, new long[] {9},
                new long[] {9}, 1, 1.0);

        CleanupCounterPoller.Outcome o = CleanupCounterPoller.outcome(s, base, new long[] {MS, 2 * MS});

        assertThat(o.perClientMillis()).containsExactly(9.0);
        assertThat(o.remaining()).isEqualTo(1);
    }
}
