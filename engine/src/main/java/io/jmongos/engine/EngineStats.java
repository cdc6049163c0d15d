package io.jmongos.engine;

/**
 * A snapshot of engine counters.
 *
 * @param databases          databases holding collections
 * @param collections        collections
 * @param estimatedDocuments RocksDB's estimate of stored documents (cheap, approximate)
 * @param openCursors        open engine cursors
 * @param openTransactions   open multi-statement transactions
 */
public record EngineStats(int databases, int collections, long estimatedDocuments, int openCursors,
                          int openTransactions) {
}
