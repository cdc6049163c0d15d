package io.jmongos.engine;

/**
 * The engine's cursor and transaction counters (a shard server's serverStatus reports them).
 *
 * @param openCursors           cursors open now
 * @param cursorsOpened         cursors opened since start (those that outlived their first batch)
 * @param cursorsTimedOut       cursors killed by the idle-cursor reaper
 * @param openTransactions      multi-statement transactions in progress now
 * @param transactionsStarted   transactions started since start
 * @param transactionsCommitted transactions committed
 * @param transactionsAborted   transactions aborted, whatever the cause
 * @param transactionsExpired   of those, aborted by the transaction lifetime reaper
 */
public record EngineCounters(int openCursors, long cursorsOpened, long cursorsTimedOut, int openTransactions,
                             long transactionsStarted, long transactionsCommitted, long transactionsAborted,
                             long transactionsExpired) {
}
