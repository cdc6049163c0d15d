package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.conn.ClientConnectionState;

/** The session layer end to end through the command dispatcher, over a fake shard. */
class RouterSessionsTest {
    private final SessionTestRouter r = new SessionTestRouter();
    private final ClientConnectionState conn = r.connect(false);
    private final LogicalSessionId lsid = LogicalSessionId.random();

    @AfterEach
    void tearDown() {
        r.close();
    }

    private BsonDocument find(String coll, int batchSize) {
        return new BsonDocument("find", new BsonString(coll)).append("batchSize", new BsonInt32(batchSize))
                .append("lsid", lsid.toBson());
    }

    private BsonDocument getMore(long id, String coll, int batchSize) {
        return new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString(coll))
                .append("batchSize", new BsonInt32(batchSize)).append("lsid", lsid.toBson());
    }

    private BsonDocument txn(BsonDocument cmd, long txnNumber, boolean start) {
        cmd.append("lsid", lsid.toBson()).append("txnNumber", new BsonInt64(txnNumber))
                .append("autocommit", BsonBoolean.FALSE);
        if (start) {
            cmd.append("startTransaction", BsonBoolean.TRUE);
        }
        return cmd;
    }

    private static BsonDocument insert(String coll, int id) {
        return new BsonDocument("insert", new BsonString(coll))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(id)))));
    }

    private static double ok(BsonDocument reply) {
        return reply.getNumber("ok").doubleValue();
    }

    private BsonDocument serverStatus() {
        return r.run(conn, "admin", new BsonDocument("serverStatus", new BsonInt32(1)));
    }

    @Test
    void findReturnsARouterCursorAndGetMoreRelaysBatches() {
        r.shard.seed("db.c", 10);
        BsonDocument first = r.run(conn, "db", find("c", 4));
        assertThat(ok(first)).isEqualTo(1.0);
        long id = first.getDocument("cursor").getNumber("id").longValue();
        assertThat(id).isNotZero().isNotEqualTo(1000L);
        assertThat(first.getDocument("cursor").getArray("firstBatch")).hasSize(4);

        BsonDocument more = r.run(conn, "db", getMore(id, "c", 4));
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(4);
        assertThat(more.getDocument("cursor").getNumber("id").longValue()).isEqualTo(id);
        BsonDocument last = r.run(conn, "db", getMore(id, "c", 4));
        assertThat(last.getDocument("cursor").getArray("nextBatch")).hasSize(2);
        assertThat(last.getDocument("cursor").getNumber("id").longValue()).isZero();
        assertThat(r.services.cursors().openTotal()).isZero();

        BsonDocument gone = r.run(conn, "db", getMore(id, "c", 4));
        assertThat(gone.getNumber("code").intValue()).isEqualTo(43);
        BsonDocument forwarded = r.shard.received().stream().filter(x -> x.name().equals("find")).findFirst()
                .orElseThrow().command();
        assertThat(forwarded.getDocument("lsid")).isEqualTo(lsid.toBson());
        assertThat(forwarded.containsKey("$db")).isFalse();
    }

    @Test
    void killCursorsReportsKilledAndNotFound() {
        r.shard.seed("db.c", 10);
        long id = r.run(conn, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        BsonDocument reply = r.run(conn, "db", new BsonDocument("killCursors", new BsonString("c"))
                .append("cursors", new BsonArray(List.of(new BsonInt64(id), new BsonInt64(77)))));
        assertThat(reply.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
        assertThat(reply.getArray("cursorsNotFound")).containsExactly(new BsonInt64(77));
        assertThat(reply.getArray("cursorsAlive")).isEmpty();
        assertThat(reply.getArray("cursorsUnknown")).isEmpty();
        assertThat(r.shard.openCursors()).isZero();
    }

    @Test
    void repliesCarryClusterTimeAndWritesAdvanceIt() {
        BsonDocument ping = r.run(conn, "admin", new BsonDocument("ping", new BsonInt32(1)));
        BsonDocument ct = ping.getDocument("$clusterTime");
        assertThat(ct.get("clusterTime")).isInstanceOf(BsonTimestamp.class);
        assertThat(ct.getDocument("signature").getBinary("hash").getData()).hasSize(20);
        assertThat(ct.getDocument("signature").getNumber("keyId").longValue()).isZero();
        BsonTimestamp before = ping.getTimestamp("operationTime");
        BsonDocument w = r.run(conn, "db", insert("c", 1));
        assertThat(w.getTimestamp("operationTime").compareTo(before)).isPositive();
        BsonDocument err = r.run(conn, "db", getMore(5, "c", 1));
        assertThat(ok(err)).isZero();
        assertThat(err.containsKey("$clusterTime")).isTrue();
        assertThat(err.containsKey("operationTime")).isTrue();
    }

    @Test
    void afterClusterTimeIsAcceptedAndNotForwarded() {
        BsonDocument cmd = find("c", 1).append("readConcern", new BsonDocument("afterClusterTime",
                new BsonTimestamp(1, 1)));
        assertThat(ok(r.run(conn, "db", cmd))).isEqualTo(1.0);
        BsonDocument forwarded = r.shard.received().get(0).command();
        assertThat(forwarded.containsKey("readConcern")).isFalse();
    }

    @Test
    void sessionFieldRulesUseMongoDbCodes() {
        BsonDocument noLsid = new BsonDocument("find", new BsonString("c")).append("txnNumber", new BsonInt64(1));
        assertThat(r.run(conn, "db", noLsid).getNumber("code").intValue()).isEqualTo(72);
        BsonDocument notRetryable = find("c", 1).append("txnNumber", new BsonInt64(1));
        BsonDocument reply = r.run(conn, "db", notRetryable);
        assertThat(reply.getNumber("code").intValue()).isEqualTo(50768);
        assertThat(reply.getString("errmsg").getValue()).contains("find is not a retryable write command");
        BsonDocument autocommitTrue = find("c", 1).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.TRUE);
        assertThat(r.run(conn, "db", autocommitTrue).getString("errmsg").getValue())
                .isEqualTo("Specifying autocommit=true is not allowed.");
        BsonDocument count = txn(new BsonDocument("count", new BsonString("c")), 1, true);
        assertThat(r.run(conn, "db", count).getNumber("code").intValue()).isEqualTo(263);
        BsonDocument listColl = txn(new BsonDocument("listCollections", new BsonInt32(1)), 1, true);
        assertThat(r.run(conn, "db", listColl).getString("errmsg").getValue())
                .isEqualTo("Cannot run 'listCollections' in a multi-document transaction.");
        BsonDocument hello = new BsonDocument("ping", new BsonInt32(1)).append("lsid", lsid.toBson())
                .append("txnNumber", new BsonInt64(1));
        assertThat(r.run(conn, "admin", hello).getNumber("code").intValue()).isEqualTo(50889);
    }

    @Test
    void snapshotReadConcernOutsideATransactionOnlyForReads() {
        BsonDocument snapshot = new BsonDocument("level", new BsonString("snapshot"));
        assertThat(ok(r.run(conn, "db", find("c", 1).append("readConcern", snapshot)))).isEqualTo(1.0);
        BsonDocument write = insert("c", 1).append("readConcern", snapshot);
        BsonDocument reply = r.run(conn, "db", write);
        assertThat(reply.getNumber("code").intValue()).isEqualTo(72);
        assertThat(r.shard.count("insert")).isZero();
    }

    @Test
    void transactionStatementsGoToTheShardWithSessionFieldsAndCommit() {
        BsonDocument first = r.run(conn, "db", txn(insert("c", 1), 1, true)
                .append("readConcern", new BsonDocument("level", new BsonString("snapshot"))));
        assertThat(ok(first)).isEqualTo(1.0);
        assertThat(first.getDocument("recoveryToken").getString("recoveryShardId").getValue()).isEqualTo("fake");
        BsonDocument sent = r.shard.received().get(0).command();
        assertThat(sent.getBoolean("startTransaction").getValue()).isTrue();
        assertThat(sent.getNumber("txnNumber").longValue()).isEqualTo(1);
        assertThat(ok(r.run(conn, "db", txn(insert("c", 2), 1, false)))).isEqualTo(1.0);
        BsonDocument status = serverStatus().getDocument("transactions");
        assertThat(status.getNumber("currentOpen").longValue()).isEqualTo(1);
        assertThat(status.getNumber("currentInactive").longValue()).isEqualTo(1);

        BsonDocument commit = r.run(conn, "admin", txn(new BsonDocument("commitTransaction", new BsonInt32(1)), 1,
                false));
        assertThat(ok(commit)).isEqualTo(1.0);
        BsonDocument again = r.run(conn, "admin", txn(new BsonDocument("commitTransaction", new BsonInt32(1)), 1,
                false));
        assertThat(ok(again)).isEqualTo(1.0);
        status = serverStatus().getDocument("transactions");
        assertThat(status.getNumber("totalCommitted").longValue()).isEqualTo(1);
        assertThat(status.getNumber("currentOpen").longValue()).isZero();
        BsonDocument late = r.run(conn, "db", txn(insert("c", 3), 1, false));
        assertThat(late.getNumber("code").intValue()).isEqualTo(256);
    }

    @Test
    void aShardErrorAbortsTheTransaction() {
        r.run(conn, "db", txn(insert("c", 1), 1, true));
        r.shard.override = c -> c.getFirstKey().equals("insert") ? FakeShard.error(112, "WriteConflict", "conflict")
                : null;
        BsonDocument failed = r.run(conn, "db", txn(insert("c", 2), 1, false));
        assertThat(failed.getNumber("code").intValue()).isEqualTo(112);
        assertThat(failed.getArray("errorLabels")).containsExactly(new BsonString("TransientTransactionError"));
        r.shard.override = c -> null;
        BsonDocument next = r.run(conn, "db", txn(insert("c", 3), 1, false));
        assertThat(next.getNumber("code").intValue()).isEqualTo(251);
        assertThat(next.getArray("errorLabels")).containsExactly(new BsonString("TransientTransactionError"));
        BsonDocument t = serverStatus().getDocument("transactions");
        assertThat(t.getDocument("abortCause").getNumber("WriteConflict").longValue()).isEqualTo(1);
        assertThat(r.shard.count("abortTransaction")).isEqualTo(1);
    }

    @Test
    void writeErrorsInATransactionAbortIt() {
        r.run(conn, "db", txn(insert("c", 1), 1, true));
        r.shard.override = c -> c.getFirstKey().equals("insert") ? FakeShard.ok().append("n", new BsonInt32(0))
                .append("writeErrors", new BsonArray(List.of(new BsonDocument("index", new BsonInt32(0))
                        .append("code", new BsonInt32(11000)).append("errmsg", new BsonString("dup"))))) : null;
        BsonDocument reply = r.run(conn, "db", txn(insert("c", 1), 1, false));
        assertThat(reply.getArray("writeErrors")).hasSize(1);
        assertThat(r.services.transactions().current(lsid).abortCause()).isEqualTo("DuplicateKey");
    }

    @Test
    void loadBalancedDisconnectKillsItsCursorsAndAbortsItsTransactionsAtOnce() throws Exception {
        r.shard.seed("db.c", 10);
        ClientConnectionState lb = r.connect(true);
        long cursorId = r.run(lb, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        LogicalSessionId other = LogicalSessionId.random();
        BsonDocument otherFind = find("c", 2).append("lsid", other.toBson());
        long plainCursor = r.run(conn, "db", otherFind).getDocument("cursor").getNumber("id").longValue();
        assertThat(ok(r.run(lb, "db", txn(insert("c", 100), 1, true)))).isEqualTo(1.0);

        r.disconnect(lb);

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (r.services.cursors().get(cursorId) != null
                || r.services.transactions().current(lsid).inProgress()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(r.services.cursors().get(plainCursor)).isNotNull();
        assertThat(r.shard.openCursors()).isEqualTo(1);
        BsonDocument status = serverStatus();
        assertThat(status.getDocument("metrics").getDocument("cursor")
                .getNumber("killedByLoadBalancerDisconnect").longValue()).isEqualTo(1);
        BsonDocument t = status.getDocument("transactions");
        assertThat(t.getDocument("abortCause").getNumber("Interrupted").longValue()).isEqualTo(1);
        assertThat(t.getNumber("abortedByLoadBalancerDisconnect").longValue()).isEqualTo(1);
        BsonDocument next = r.run(conn, "db", txn(insert("c", 101), 1, false));
        assertThat(next.getNumber("code").intValue()).isEqualTo(251);
        assertThat(r.run(conn, "db", getMore(cursorId, "c", 2)).getNumber("code").intValue()).isEqualTo(43);
    }

    @Test
    void onlyALoadBalancedConnectionWithACursorOrATransactionNeedsACleanup() {
        r.shard.seed("db.c", 10);
        ClientConnectionState idle = r.connect(true);
        assertThat(r.run(idle, "db", new BsonDocument("ping", new BsonInt32(1))).getNumber("ok").intValue())
                .isEqualTo(1);
        assertThat(r.cleanup.hasCleanupFor(idle)).isFalse();
        ClientConnectionState reader = r.connect(true);
        long id = r.run(reader, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        assertThat(r.cleanup.hasCleanupFor(reader)).isTrue();
        r.run(reader, "db", new BsonDocument("killCursors", new BsonString("c"))
                .append("cursors", new BsonArray(List.of(new BsonInt64(id)))));
        assertThat(r.cleanup.hasCleanupFor(reader)).isFalse();
        ClientConnectionState writer = r.connect(true);
        assertThat(ok(r.run(writer, "db", txn(insert("c", 300), 1, true)))).isEqualTo(1.0);
        assertThat(r.cleanup.hasCleanupFor(writer)).isTrue();
    }

    @Test
    void aCommandThatFinishesAfterItsLoadBalancedConnectionClosedLeavesNothingBehind() throws Exception {
        r.shard.seed("db.c", 10);
        ClientConnectionState lb = r.connect(true);
        r.disconnect(lb);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!r.cleanup.cleanupsIdle()) { // the disconnect's own cleanup is over: what follows is the command's
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
        BsonDocument late = r.run(lb, "db", find("c", 2));
        long id = late.getDocument("cursor").getNumber("id").longValue();
        assertThat(r.services.cursors().get(id)).isNull();
        assertThat(r.shard.openCursors()).isZero();
        r.run(lb, "db", txn(insert("c", 200), 9, true));
        assertThat(r.services.transactions().current(lsid).inProgress()).isFalse();
    }

    @Test
    void ordinaryDisconnectLeavesTheCursorForAnotherConnection() {
        r.shard.seed("db.c", 10);
        ClientConnectionState first = r.connect(false);
        long id = r.run(first, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        r.disconnect(first);
        BsonDocument more = r.run(conn, "db", getMore(id, "c", 3));
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(3);
    }

    @Test
    void endSessionsKillsCursorsAndAbortsTheTransaction() {
        r.shard.seed("db.c", 10);
        long id = r.run(conn, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        r.run(conn, "db", txn(insert("c", 50), 1, true));
        BsonDocument end = r.run(conn, "admin", new BsonDocument("endSessions",
                new BsonArray(List.of(lsid.toBson()))));
        assertThat(ok(end)).isEqualTo(1.0);
        assertThat(r.services.cursors().get(id)).isNull();
        assertThat(r.shard.openCursors()).isZero();
        assertThat(r.services.transactions().metrics().currentOpen()).isZero();
        assertThat(r.services.sessions().cache().get(lsid)).isNull();
    }

    @Test
    void startSessionGivesAUuidAndTheTimeout() {
        BsonDocument reply = r.run(conn, "admin", new BsonDocument("startSession", new BsonInt32(1)));
        assertThat(reply.getDocument("id").getBinary("id").getType()).isEqualTo((byte) 4);
        assertThat(reply.getNumber("timeoutMinutes").intValue()).isEqualTo(30);
        assertThat(r.services.sessions().cache().size()).isEqualTo(1);
        BsonDocument status = serverStatus();
        assertThat(status.getDocument("logicalSessionRecordCache").getNumber("activeSessionsCount").intValue())
                .isEqualTo(1);
    }

    @Test
    void currentOpListsIdleCursorsAndSessions() {
        r.shard.seed("db.c", 10);
        ClientConnectionState lb = r.connect(true);
        long id = r.run(lb, "db", find("c", 2)).getDocument("cursor").getNumber("id").longValue();
        r.run(lb, "db", txn(insert("c", 70), 4, true));
        BsonDocument agg = new BsonDocument("aggregate", new BsonInt32(1)).append("pipeline", new BsonArray(List.of(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)
                        .append("idleSessions", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonString("idleCursor"))))))
                .append("cursor", new BsonDocument());
        BsonDocument reply = r.run(conn, "admin", agg);
        List<BsonValue> batch = reply.getDocument("cursor").getArray("firstBatch");
        assertThat(batch).hasSize(1);
        BsonDocument entry = batch.get(0).asDocument();
        assertThat(entry.getDocument("cursor").getNumber("cursorId").longValue()).isEqualTo(id);
        assertThat(entry.getString("ns").getValue()).isEqualTo("db.c");
        assertThat(entry.getString("client").getValue()).isEqualTo("203.0.113.5:5555");
        assertThat(entry.getString("proxyAddress").getValue()).isEqualTo("10.9.8.7:50000");
        assertThat(entry.getNumber("connectionId").longValue()).isEqualTo(lb.connectionId());
        assertThat(entry.getDocument("cursor").getDocument("originatingCommand").getString("find").getValue())
                .isEqualTo("c");
        assertThat(entry.getDocument("cursor").isDateTime("lastAccessDate")).isTrue();

        BsonDocument sessionsOnly = new BsonDocument("aggregate", new BsonInt32(1)).append("pipeline",
                new BsonArray(List.of(new BsonDocument("$currentOp", new BsonDocument()),
                        new BsonDocument("$match", new BsonDocument("type", new BsonString("idleSession"))))))
                .append("cursor", new BsonDocument());
        List<BsonValue> idle = r.run(conn, "admin", sessionsOnly).getDocument("cursor").getArray("firstBatch");
        assertThat(idle).hasSize(1);
        BsonDocument s = idle.get(0).asDocument();
        assertThat(s.getDocument("lsid").getBinary("id")).isEqualTo(lsid.toBson().getBinary("id"));
        assertThat(s.getDocument("transaction").getDocument("parameters").getNumber("txnNumber").longValue())
                .isEqualTo(4);

        BsonDocument cmd = r.run(conn, "admin", new BsonDocument("currentOp", new BsonInt32(1))
                .append("$all", BsonBoolean.TRUE));
        assertThat(cmd.getArray("inprog").stream().map(v -> v.asDocument().getString("type").getValue()))
                .contains("op", "idleCursor", "idleSession");
        BsonDocument wrongDb = r.run(conn, "db", agg);
        assertThat(wrongDb.getNumber("code").intValue()).isEqualTo(73);
    }

    @Test
    void currentOpResultsBeyondTheFirstBatchComeThroughGetMore() {
        r.shard.seed("db.c", 10);
        for (int i = 0; i < 5; i++) {
            r.run(conn, "db", find("c", 1).append("lsid", LogicalSessionId.random().toBson()));
        }
        BsonDocument agg = new BsonDocument("aggregate", new BsonInt32(1)).append("pipeline", new BsonArray(List.of(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonString("idleCursor"))))))
                .append("cursor", new BsonDocument("batchSize", new BsonInt32(2)));
        BsonDocument first = r.run(conn, "admin", agg);
        long id = first.getDocument("cursor").getNumber("id").longValue();
        assertThat(first.getDocument("cursor").getString("ns").getValue()).isEqualTo("admin.$cmd.aggregate");
        BsonDocument rest = r.run(conn, "admin", new BsonDocument("getMore", new BsonInt64(id))
                .append("collection", new BsonString("$cmd.aggregate")));
        assertThat(rest.getDocument("cursor").getArray("nextBatch")).hasSize(3);
        assertThat(rest.getDocument("cursor").getNumber("id").longValue()).isZero();
    }

    @Test
    void killOpAcknowledges() {
        BsonDocument reply = r.run(conn, "admin", new BsonDocument("killOp", new BsonInt32(1))
                .append("op", new BsonInt32(12345)));
        assertThat(reply.getString("info").getValue()).isEqualTo("attempting to kill op");
        assertThat(r.run(conn, "admin", new BsonDocument("killOp", new BsonInt32(1))).getNumber("code").intValue())
                .isEqualTo(2);
    }
}
