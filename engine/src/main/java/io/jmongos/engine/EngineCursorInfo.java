package io.jmongos.engine;

import org.bson.BsonDocument;

/**
 * An open engine cursor as a shard server's {@code $currentOp} reports it (idleCursors).
 *
 * @param lsid      the session that opened it, or null
 * @param txnNumber the transaction it belongs to, or null
 */
public record EngineCursorInfo(long id, String ns, BsonDocument lsid, Long txnNumber, BsonDocument originatingCommand,
                               long lastUsedMillis) {
}
