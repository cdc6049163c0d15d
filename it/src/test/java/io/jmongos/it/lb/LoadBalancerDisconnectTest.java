package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * A client that goes away without cleaning up (the socket just closes: no killCursors, no endSessions,
 * no abortTransaction). Through the balancer its cursor is killed and its transaction aborted at once;
 * on the main port the cursor lives on until the cursor timeout.
 */
class LoadBalancerDisconnectTest {
    /** The issue asks for cleanup "within one second". */
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final Duration SERVER_SAW_CLOSE = Duration.ofSeconds(10);
    private static final String DB = "lbdisconnect";

    @TempDir
    Path dir;
    private JmongosServer server;
    private MongoClient observer;

    @BeforeEach
    void start() {
        server = Jmongos.startWithLoadBalancerPort();
        observer = Jmongos.mainPortClient(server);
        MongoCollection<Document> c = observer.getDatabase(DB).getCollection("docs");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            docs.add(new Document("_id", i));
        }
        c.insertMany(docs);
        observer.getDatabase(DB).createCollection("txn");
    }

    @AfterEach
    void stop() {
        observer.close();
        server.close();
    }

    @Test
    void closingAnLbConnectionKillsItsCursorAndAbortsItsTransaction() throws Exception {
        HaproxyProcess.assumeInstalled();
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(server.loadBalancerPort()), "send-proxy-v2")) {
            BsonDocument txnBefore = transactions();
            OpenWork work;
            try (BlockingWireClient c = BlockingWireClient.open(haproxy.port())) {
                BsonDocument hello = c.command("admin", new BsonDocument("hello", new BsonInt32(1))
                        .append("loadBalanced", BsonBoolean.TRUE));
                assertThat(hello.containsKey("serviceId")).isTrue();
                work = openCursorAndTransaction(c);
            }
            long deadline = System.nanoTime() + WITHIN.toNanos();
            awaitTrue(() -> !idleCursorIds().contains(work.cursorId), deadline, "cursor gone from $currentOp");
            MongoCommandException getMore = getMoreError(work.cursorId);
            assertThat(getMore.getErrorCode()).isEqualTo(43);
            assertThat(getMore.getErrorCodeName()).isEqualTo("CursorNotFound");
            awaitTrue(() -> counter(transactions(), "totalAborted") == counter(txnBefore, "totalAborted") + 1,
                    deadline, "serverStatus transactions.totalAborted + 1");
            assertThat(transactions().getDocument("abortCause").getNumber("Interrupted").longValue())
                    .isEqualTo(abortCause(txnBefore, "Interrupted") + 1);
            awaitTrue(() -> insertsWithoutConflict(new Document("_id", "txn-doc")), deadline,
                    "the aborted transaction's _id is free");

            try (BlockingWireClient again = BlockingWireClient.open(haproxy.port())) {
                again.command("admin", new BsonDocument("hello", new BsonInt32(1))
                        .append("loadBalanced", BsonBoolean.TRUE));
                BsonDocument reply = again.command(DB, new BsonDocument("find", new BsonString("txn"))
                        .append("lsid", work.txnLsid).append("txnNumber", new BsonInt64(1))
                        .append("autocommit", BsonBoolean.FALSE));
                assertThat(reply.getInt32("code").getValue()).isEqualTo(251);
                assertThat(reply.getString("codeName").getValue()).isEqualTo("NoSuchTransaction");
                assertThat(reply.getArray("errorLabels")).contains(new BsonString("TransientTransactionError"));
            }
        }
    }

    @Test
    void closingAMainPortConnectionLeavesTheCursorAlive() throws Exception {
        long connectionsBefore = currentConnections();
        OpenWork work;
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            c.command("admin", new BsonDocument("hello", new BsonInt32(1)));
            work = openCursorAndTransaction(c);
            assertThat(currentConnections()).isEqualTo(connectionsBefore + 1);
        }
        awaitTrue(() -> currentConnections() == connectionsBefore, System.nanoTime() + SERVER_SAW_CLOSE.toNanos(),
                "the server saw the connection close");
        assertThat(idleCursorIds()).as("the cursor outlives its main-port connection").contains(work.cursorId);
    }

    /** find with batchSize 2 over 100 documents, and an uncommitted insert in a transaction (two sessions). */
    private OpenWork openCursorAndTransaction(BlockingWireClient c) throws Exception {
        BsonDocument cursorLsid = lsid();
        BsonDocument find = c.command(DB, new BsonDocument("find", new BsonString("docs"))
                .append("batchSize", new BsonInt32(2)).append("lsid", cursorLsid));
        assertThat(find.getNumber("ok").intValue()).as(find.toJson()).isEqualTo(1);
        long cursorId = find.getDocument("cursor").getInt64("id").getValue();
        assertThat(cursorId).isNotZero();
        assertThat(find.getDocument("cursor").getArray("firstBatch")).hasSize(2);

        BsonDocument txnLsid = lsid();
        BsonDocument insert = c.command(DB, new BsonDocument("insert", new BsonString("txn"))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonString("txn-doc")))))
                .append("lsid", txnLsid).append("txnNumber", new BsonInt64(1))
                .append("startTransaction", BsonBoolean.TRUE).append("autocommit", BsonBoolean.FALSE));
        assertThat(insert.getNumber("ok").intValue()).as(insert.toJson()).isEqualTo(1);
        assertThat(idleCursorIds()).contains(cursorId);
        return new OpenWork(cursorId, txnLsid);
    }

    private record OpenWork(long cursorId, BsonDocument txnLsid) {
    }

    private static BsonDocument lsid() {
        UUID id = UUID.randomUUID();
        return new BsonDocument("id", new BsonBinary(id));
    }

    private List<Long> idleCursorIds() {
        List<Long> ids = new ArrayList<>();
        List<BsonDocument> pipeline = List.of(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)
                        .append("allUsers", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonString("idleCursor"))));
        for (BsonDocument op : observer.getDatabase("admin").aggregate(pipeline, BsonDocument.class)) {
            ids.add(op.getDocument("cursor").getNumber("cursorId").longValue());
        }
        return ids;
    }

    private MongoCommandException getMoreError(long cursorId) {
        try {
            observer.getDatabase(DB).runCommand(new BsonDocument("getMore", new BsonInt64(cursorId))
                    .append("collection", new BsonString("docs")));
        } catch (MongoCommandException e) {
            return e;
        }
        throw new AssertionError("getMore of a killed cursor succeeded");
    }

    private boolean insertsWithoutConflict(Document doc) {
        try {
            observer.getDatabase(DB).getCollection("txn").insertOne(doc);
            return true;
        } catch (MongoException e) {
            if (e.getCode() == 112) {
                return false;
            }
            throw e;
        }
    }

    private BsonDocument transactions() {
        return Jmongos.serverStatus(observer).getDocument("transactions");
    }

    private long currentConnections() {
        return Jmongos.serverStatus(observer).getDocument("connections").getNumber("current").longValue();
    }

    private static long counter(BsonDocument transactions, String name) {
        return transactions.getNumber(name).longValue();
    }

    private static long abortCause(BsonDocument transactions, String cause) {
        BsonDocument causes = transactions.getDocument("abortCause", new BsonDocument());
        return causes.containsKey(cause) ? causes.getNumber(cause).longValue() : 0;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, long deadlineNanos, String what) throws Exception {
        while (!check.ok()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("not true before the deadline: " + what);
            }
            Thread.sleep(10);
        }
    }
}
