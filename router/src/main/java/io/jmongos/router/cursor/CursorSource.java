package io.jmongos.router.cursor;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Where a cluster cursor's documents come from: a shard cursor, or results held by the router. */
public interface CursorSource {
    /**
     * Read the next batch.
     *
     * @param batchSize     at most this many documents; 0 means no count limit (the byte limit still applies)
     * @param maxTimeMS     the getMore's maxTimeMS to forward, or null
     * @param sessionFields {@code lsid}/{@code txnNumber}/{@code autocommit} of the getMore, to forward
     * @throws io.jmongos.common.CommandFailedException when the source fails
     */
    CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields);

    /** Release the source's resources (e.g. kill the shard cursor). Idempotent; never throws. */
    void kill();

    /**
     * Called from another thread while a getMore waits on this source (a tailable awaitData cursor killed by
     * killCursors or a load-balancer disconnect): make that getMore end now instead of when its await time runs
     * out. The default does nothing; never throws.
     */
    default void interrupt() {
    }
}
