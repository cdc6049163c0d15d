package io.jmongos.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.EngineCounters;
import io.jmongos.engine.EngineTestBase;

/**
 * What frees a dead router's leftovers on a shard: a higher txnNumber on the same session supersedes an open
 * transaction at once; the lifetime and idle-cursor reapers abort and kill what nobody comes back for.
 */
class OrphanReapingTest extends EngineTestBase {
    private final BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(),
            UuidRepresentation.STANDARD));

    private BsonDocument inTxn(String json, long txn, boolean start) {
        BsonDocument cmd = BsonDocument.parse(json).append("lsid", lsid).append("txnNumber", new BsonInt64(txn))
                .append("autocommit", BsonBoolean.FALSE);
        if (start) {
            cmd.append("startTransaction", BsonBoolean.TRUE);
        }
        return cmd;
    }

    @Test
    void aHigherTxnNumberSupersedesTheOpenTransactionAtOnce() {
        ok(inTxn("{insert: 'c', documents: [{_id: 'orphan'}]}", 5, true));
        assertThat(engine.counters().openTransactions()).isEqualTo(1);
        ok(inTxn("{insert: 'c', documents: [{_id: 'retried'}]}", 6, true));
        EngineCounters c = engine.counters();
        assertThat(c.openTransactions()).isEqualTo(1);
        assertThat(c.transactionsAborted()).isEqualTo(1);
        fails(inTxn("{commitTransaction: 1}", 5, false), 225); // TransactionTooOld
        ok(inTxn("{commitTransaction: 1}", 6, false));
        BsonDocument found = ok("{find: 'c'}");
        assertThat(found.getDocument("cursor").getArray("firstBatch")).hasSize(1);
        assertThat(found.getDocument("cursor").getArray("firstBatch").get(0).asDocument().getString("_id")
                .getValue()).isEqualTo("retried");
    }

    @Test
    void theLifetimeReaperAbortsOnlyTransactionsOlderThanTheLimit() {
        ok(inTxn("{insert: 'c', documents: [{_id: 1}]}", 1, true));
        assertThat(engine.abortExpiredTransactions(3_600_000)).isZero();
        assertThat(engine.counters().openTransactions()).isEqualTo(1);
        assertThat(engine.abortExpiredTransactions(-1)).isEqualTo(1);
        EngineCounters c = engine.counters();
        assertThat(c.openTransactions()).isZero();
        assertThat(c.transactionsExpired()).isEqualTo(1);
        BsonDocument r = fails(inTxn("{insert: 'c', documents: [{_id: 2}]}", 1, false), 251); // NoSuchTransaction
        assertThat(r.getArray("errorLabels").get(0).asString().getValue()).isEqualTo("TransientTransactionError");
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isZero();
    }

    @Test
    void theCursorReaperKillsOnlyIdleCursors() {
        ok("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        long id = ok("{find: 'c', batchSize: 1}").getDocument("cursor").getInt64("id").getValue();
        assertThat(engine.reapIdleCursors(3_600_000)).isZero();
        assertThat(engine.counters().openCursors()).isEqualTo(1);
        assertThat(engine.reapIdleCursors(-1)).isEqualTo(1);
        assertThat(engine.counters().openCursors()).isZero();
        assertThat(engine.counters().cursorsTimedOut()).isEqualTo(1);
        fails(BsonDocument.parse("{getMore: " + id + "}").append("getMore", new BsonInt64(id))
                .append("collection", new org.bson.BsonString("c")), 43); // CursorNotFound
    }

    @Test
    void leavingADatabasesPrimaryRoleAbortsOnlyTheTransactionsThatWroteThere() {
        BsonDocument other = new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
        ok(inTxn("{insert: 'c', documents: [{_id: 'moving'}]}", 1, true));
        BsonDocument elsewhere = BsonDocument.parse("{insert: 'c', documents: [{_id: 'staying'}]}")
                .append("lsid", other).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE).append("startTransaction", BsonBoolean.TRUE);
        assertThat(run("elsewhere", elsewhere).get("ok").asNumber().intValue()).isEqualTo(1);
        assertThat(engine.abortTransactionsWritingTo("test")).isEqualTo(1);
        fails(inTxn("{commitTransaction: 1}", 1, false), 251); // NoSuchTransaction: it was aborted
        BsonDocument commit = new BsonDocument("commitTransaction", new org.bson.BsonInt32(1)).append("lsid", other)
                .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE);
        assertThat(run("admin", commit).get("ok").asNumber().intValue()).isEqualTo(1);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isZero();
    }
}
