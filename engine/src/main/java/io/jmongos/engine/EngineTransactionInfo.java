package io.jmongos.engine;

import org.bson.BsonDocument;

/**
 * A multi-statement transaction open between statements, as a shard server's {@code $currentOp} reports it
 * (idleSessions).
 *
 * @param openNanos how long it has been open
 */
public record EngineTransactionInfo(BsonDocument lsid, long txnNumber, long openNanos) {
}
