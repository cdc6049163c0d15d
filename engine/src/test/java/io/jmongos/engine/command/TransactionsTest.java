package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

class TransactionsTest extends EngineTestBase {
    private final BsonDocument sessionA = lsid();
    private final BsonDocument sessionB = lsid();

    private static BsonDocument lsid() {
        return new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
    }

    /** The command as mongos sends it inside transaction {@code txn} of {@code lsid}. */
    private static BsonDocument inTxn(String json, BsonDocument lsid, long txn, boolean start) {
        BsonDocument cmd = BsonDocument.parse(json).append("lsid", lsid).append("txnNumber", new BsonInt64(txn))
                .append("autocommit", BsonBoolean.FALSE);
        if (start) {
            cmd.append("startTransaction", BsonBoolean.TRUE);
        }
        return cmd;
    }

    private int countIn(BsonDocument lsid, long txn) {
        BsonDocument r = ok(inTxn("{find: 'c', batchSize: 1000}", lsid, txn, false));
        return r.getDocument("cursor").getArray("firstBatch").size();
    }

    private int countOutside() {
        return ok("{count: 'c'}").getInt32("n").getValue();
    }

    private java.util.List<String> collectionNames() {
        java.util.List<String> out = new java.util.ArrayList<>();
        ok("{listCollections: 1, nameOnly: true}").getDocument("cursor").getArray("firstBatch")
                .forEach(v -> out.add(v.asDocument().getString("name").getValue()));
        return out;
    }

    private static void assertTransient(BsonDocument reply) {
        assertThat(reply.getArray("errorLabels")).contains(new BsonString("TransientTransactionError"));
    }

    @Test
    void commitMakesWritesVisible() {
        ok("{insert: 'c', documents: [{_id: 0}]}");
        ok(inTxn("{insert: 'c', documents: [{_id: 1}, {_id: 2}]}", sessionA, 1, true));
        assertThat(countOutside()).isEqualTo(1);
        assertThat(countIn(sessionA, 1)).isEqualTo(3);
        ok(inTxn("{commitTransaction: 1}", sessionA, 1, false));
        assertThat(countOutside()).isEqualTo(3);
        ok(inTxn("{commitTransaction: 1}", sessionA, 1, false));
        assertThat(fails(inTxn("{insert: 'c', documents: [{_id: 3}]}", sessionA, 1, false), 256)
                .getString("errmsg").getValue()).isEqualTo("Transaction 1 has been committed.");
    }

    @Test
    void abortDiscardsWritesAndLaterStatementsGetNoSuchTransaction() {
        ok(inTxn("{insert: 'c', documents: [{_id: 1}]}", sessionA, 4, true));
        ok(inTxn("{delete: 'c', deletes: [{q: {_id: 1}, limit: 1}]}", sessionA, 4, false));
        ok(inTxn("{insert: 'c', documents: [{_id: 2}]}", sessionA, 4, false));
        ok(inTxn("{abortTransaction: 1}", sessionA, 4, false));
        assertThat(countOutside()).isZero();
        assertTransient(fails(inTxn("{insert: 'c', documents: [{_id: 3}]}", sessionA, 4, false), 251));
        assertTransient(fails(inTxn("{commitTransaction: 1}", sessionA, 4, false), 251));
        assertTransient(fails(inTxn("{find: 'c'}", sessionA, 9, false), 251));
    }

    @Test
    void transactionReadsItsSnapshot() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        assertThat(ok(inTxn("{find: 'c'}", sessionA, 1, true)).getDocument("cursor").getArray("firstBatch"))
                .hasSize(1);
        ok("{insert: 'c', documents: [{_id: 2}]}");
        ok("{delete: 'c', deletes: [{q: {_id: 1}, limit: 1}]}");
        assertThat(countIn(sessionA, 1)).isEqualTo(1);
        assertThat(ok(inTxn("{find: 'c', filter: {_id: 1}}", sessionA, 1, false)).getDocument("cursor")
                .getArray("firstBatch")).hasSize(1);
        ok(inTxn("{commitTransaction: 1}", sessionA, 1, false));
        assertThat(countOutside()).isEqualTo(1);
    }

    @Test
    void writeConflictBetweenTwoOpenTransactions() {
        ok("{create: 'c'}");
        ok(inTxn("{insert: 'c', documents: [{_id: 5, by: 'A'}]}", sessionA, 1, true));
        BsonDocument r = fails(inTxn("{insert: 'c', documents: [{_id: 5, by: 'B'}]}", sessionB, 1, true), 112);
        assertTransient(r);
        assertTransient(fails(inTxn("{find: 'c'}", sessionB, 1, false), 251));
        ok(inTxn("{commitTransaction: 1}", sessionA, 1, false));
        assertThat(ok("{find: 'c'}").getDocument("cursor").getArray("firstBatch").get(0).asDocument()
                .getString("by").getValue()).isEqualTo("A");
    }

    @Test
    void writeToDocumentCommittedAfterSnapshotConflicts() {
        ok("{insert: 'c', documents: [{_id: 7}]}");
        ok(inTxn("{find: 'c'}", sessionA, 1, true));
        ok("{delete: 'c', deletes: [{q: {_id: 7}, limit: 1}]}");
        assertTransient(fails(inTxn("{delete: 'c', deletes: [{q: {_id: 7}, limit: 1}]}", sessionA, 1, false), 112));
        ok(inTxn("{find: 'c'}", sessionB, 1, true));
        ok("{insert: 'c', documents: [{_id: 8}]}");
        assertTransient(fails(inTxn("{insert: 'c', documents: [{_id: 8}]}", sessionB, 1, false), 112));
    }

    @Test
    void transactionNumbersFollowMongodRules() {
        ok(inTxn("{insert: 'c', documents: [{_id: 1}]}", sessionA, 5, true));
        ok(inTxn("{commitTransaction: 1}", sessionA, 5, false));
        fails(inTxn("{insert: 'c', documents: [{_id: 2}]}", sessionA, 4, true), 225);
        ok(inTxn("{insert: 'c', documents: [{_id: 2}]}", sessionA, 6, true));
        ok(inTxn("{insert: 'c', documents: [{_id: 3}]}", sessionA, 7, true));
        fails(inTxn("{commitTransaction: 1}", sessionA, 6, false), 225);
        ok(inTxn("{commitTransaction: 1}", sessionA, 7, false));
        assertThat(countOutside()).isEqualTo(2);
    }

    @Test
    void commandsRefusedInTransactions() {
        ok("{create: 'c'}");
        ok(inTxn("{insert: 'c', documents: [{_id: 1}]}", sessionA, 1, true));
        fails(inTxn("{count: 'c'}", sessionA, 1, false), 263);
        fails(inTxn("{listCollections: 1}", sessionA, 1, false), 263);
        fails(inTxn("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}", sessionA, 1, false), 263);
        fails(inTxn("{abortTransaction: 1}", sessionA, 1, false), 251);
        BsonDocument find = BsonDocument.parse("{find: 'c'}").append("lsid", sessionA)
                .append("txnNumber", new BsonInt64(3));
        fails(find, 50768);
        fails(BsonDocument.parse("{insert: 'c', documents: [{}], autocommit: false}"), 72);
    }

    @Test
    void createAndCreateIndexesOnANewCollectionInsideATransaction() {
        ok(inTxn("{create: 'n'}", sessionA, 1, true));
        ok(inTxn("{insert: 'n', documents: [{_id: 1, a: 5}, {_id: 2, a: 6}]}", sessionA, 1, false));
        ok(inTxn("{createIndexes: 'n', indexes: [{key: {a: 1}, name: 'a_1', unique: true}]}", sessionA, 1, false));
        BsonDocument dup = run("test", inTxn("{insert: 'n', documents: [{_id: 3, a: 5}]}", sessionA, 1, false));
        assertThat(dup.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(11000);
        assertTransient(fails(inTxn("{commitTransaction: 1}", sessionA, 1, false), 251));
        assertThat(collectionNames()).doesNotContain("n");
        ok(inTxn("{createIndexes: 'm', indexes: [{key: {a: 1}, name: 'a_1'}]}", sessionA, 2, true));
        ok(inTxn("{insert: 'm', documents: [{_id: 1, a: 5}]}", sessionA, 2, false));
        ok(inTxn("{insert: 'implicit', documents: [{_id: 1}]}", sessionA, 2, false));
        assertThat(collectionNames()).doesNotContain("m", "implicit");
        fails("{listIndexes: 'm'}", 26);
        assertThat(countIn(sessionA, 2)).isZero();
        ok(inTxn("{commitTransaction: 1}", sessionA, 2, false));
        assertThat(collectionNames()).contains("m", "implicit");
        assertThat(ok("{count: 'implicit'}").getInt32("n").getValue()).isEqualTo(1);
        assertThat(ok("{find: 'm', filter: {a: 5}, hint: 'a_1'}").getDocument("cursor").getArray("firstBatch"))
                .hasSize(1);
        fails(inTxn("{create: 'm'}", sessionA, 3, true), 48);
        ok(inTxn("{insert: 'p', documents: [{_id: 1}]}", sessionA, 4, true));
        assertTransient(fails(inTxn("{create: 'p'}", sessionB, 1, true), 112));
        ok(inTxn("{commitTransaction: 1}", sessionA, 4, false));
    }

    @Test
    void unsatisfiableWriteConcernIsReportedAfterCommitting() {
        ok(inTxn("{insert: 'c', documents: [{_id: 1}]}", sessionA, 1, true));
        BsonDocument commit = inTxn("{commitTransaction: 1}", sessionA, 1, false)
                .append("writeConcern", BsonDocument.parse("{w: 10}"));
        BsonDocument r = ok(commit);
        assertThat(r.getDocument("writeConcernError").getInt32("code").getValue()).isEqualTo(100);
        assertThat(countOutside()).isEqualTo(1);
        BsonDocument insert = ok("{insert: 'c', documents: [{_id: 2}], writeConcern: {w: 'dc-east'}}");
        assertThat(insert.getDocument("writeConcernError").getInt32("code").getValue()).isEqualTo(79);
        assertThat(ok("{insert: 'c', documents: [{_id: 3}], writeConcern: {w: 'majority', j: true}}")
                .containsKey("writeConcernError")).isFalse();
    }

    @Test
    void transactionCursorsEndWithTheTransaction() {
        BsonArray docs = new BsonArray();
        for (int i = 0; i < 10; i++) {
            docs.add(new BsonDocument("_id", new org.bson.BsonInt32(i)));
        }
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", docs));
        long id = ok(inTxn("{find: 'c', batchSize: 2}", sessionA, 1, true)).getDocument("cursor").getInt64("id")
                .getValue();
        BsonDocument more = new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString("c"))
                .append("batchSize", new org.bson.BsonInt32(2));
        fails(more.clone(), 50736);
        fails(more.clone().append("lsid", sessionA), 50740);
        BsonDocument inside = more.clone().append("lsid", sessionA).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE);
        assertThat(ok(inside).getDocument("cursor").getArray("nextBatch")).hasSize(2);
        ok(inTxn("{commitTransaction: 1}", sessionA, 1, false));
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void nonTransactionalWriteWaitsForTheConflictingTransaction() throws Exception {
        ok(inTxn("{insert: 'c', documents: [{_id: 9, by: 'txn'}]}", sessionA, 1, true));
        CompletableFuture<BsonDocument> plain = CompletableFuture.supplyAsync(
                () -> run("{insert: 'c', documents: [{_id: 9, by: 'plain'}]}"));
        ok(inTxn("{abortTransaction: 1}", sessionA, 1, false));
        BsonDocument r = plain.get();
        assertThat(r.getInt32("n").getValue()).as(r.toJson()).isEqualTo(1);
    }

    @Test
    void ddlOnAWrittenCollectionMakesTheCommitConflict() {
        ok("{insert: 'c', documents: [{_id: 1, a: 1}]}");
        ok(inTxn("{insert: 'c', documents: [{_id: 2, a: 1}]}", sessionA, 1, true));
        ok("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}");
        assertTransient(fails(inTxn("{commitTransaction: 1}", sessionA, 1, false), 112));
        assertThat(countOutside()).isEqualTo(1);
        assertThat(ok("{find: 'c', filter: {a: 1}, hint: 'a_1'}").getDocument("cursor").getArray("firstBatch"))
                .hasSize(1);
    }
}
