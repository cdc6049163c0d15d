package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.wire.client.BlockingWireClient;
import java.nio.charset.StandardCharsets;

/**
 * Load-balancer disconnect rules with a raw client on the LB port (PROXY v1 header, then OP_MSG): when the
 * client goes away its cursor is killed and its transaction aborted at once; on the main port the cursor stays.
 */
class LoadBalancerDisconnectTest {
    /** The bound for the cleanup to be visible to another client. */
    private static final long CLEANUP_DEADLINE_MILLIS = 1000;

    private static SessionsServer server;
    private MongoCollection<Document> coll;
    private String db;
    private String name;

    @BeforeAll
    static void start() {
        server = new SessionsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() {
        db = "lbtest";
        name = "c" + System.nanoTime();
        coll = server.client.getDatabase(db).getCollection(name);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            docs.add(new Document("_id", i));
        }
        coll.insertMany(docs);
    }

    private BlockingWireClient lbClient() {
        String header = "PROXY TCP4 10.1.2.3 127.0.0.1 5555 " + server.lbPort + "\r\n";
        BlockingWireClient c = BlockingWireClient.open(server.lbPort,
                (local, remote) -> header.getBytes(StandardCharsets.US_ASCII));
        BsonDocument hello = c.run(new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced", BsonBoolean.TRUE)
                .append("$db", new BsonString("admin")));
        assertThat(hello.getNumber("ok").intValue()).isEqualTo(1);
        assertThat(hello.containsKey("serviceId")).isTrue();
        return c;
    }

    private BsonDocument find(LogicalSessionId lsid) {
        return new BsonDocument("find", new BsonString(name)).append("batchSize", new BsonInt32(2))
                .append("lsid", lsid.toBson()).append("$db", new BsonString(db));
    }

    private BsonDocument getMore(long id, LogicalSessionId lsid) {
        return new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString(name))
                .append("batchSize", new BsonInt32(2)).append("lsid", lsid.toBson())
                .append("$db", new BsonString(db));
    }

    private BsonDocument txnInsert(LogicalSessionId lsid, String id, boolean start) {
        BsonDocument cmd = new BsonDocument("insert", new BsonString(name))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonString(id)))))
                .append("lsid", lsid.toBson()).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE).append("$db", new BsonString(db));
        return start ? cmd.append("startTransaction", BsonBoolean.TRUE) : cmd;
    }

    private List<BsonDocument> idleCursors() {
        return server.client.getDatabase("admin").aggregate(List.of(
                new Document("$currentOp", new Document("idleCursors", true)),
                new Document("$match", new Document("type", "idleCursor"))), BsonDocument.class)
                .into(new ArrayList<>());
    }

    private boolean cursorListed(long id) {
        return idleCursors().stream().anyMatch(d -> d.getDocument("cursor").getInt64("cursorId").getValue() == id);
    }

    private long counter(String section, String... path) {
        BsonDocument d = server.serverStatus().getDocument(section);
        for (int i = 0; i < path.length - 1; i++) {
            d = d.getDocument(path[i], new BsonDocument());
        }
        return d.getNumber(path[path.length - 1], new BsonInt64(0)).longValue();
    }

    @Test
    void closingALoadBalancedConnectionKillsItsCursorAndAbortsItsTransaction() throws Exception {
        long cursorsKilledBefore = counter("metrics", "cursor", "killedByLoadBalancerDisconnect");
        long abortedBefore = counter("transactions", "abortedByLoadBalancerDisconnect");
        long interruptedBefore = counter("transactions", "abortCause", "Interrupted");
        long totalAbortedBefore = counter("transactions", "totalAborted");
        LogicalSessionId cursorSession = LogicalSessionId.random();
        LogicalSessionId txnSession = LogicalSessionId.random();
        long cursorId;
        try (BlockingWireClient lb = lbClient()) {
            BsonDocument found = lb.run(find(cursorSession));
            cursorId = found.getDocument("cursor").getInt64("id").getValue();
            assertThat(cursorId).isNotZero();
            assertThat(lb.run(txnInsert(txnSession, "lb-txn", true)).getNumber("ok").intValue()).isEqualTo(1);
            BsonDocument listed = idleCursors().stream()
                    .filter(d -> d.getDocument("cursor").getInt64("cursorId").getValue() == cursorId)
                    .findFirst().orElseThrow();
            assertThat(listed.getString("client").getValue()).isEqualTo("10.1.2.3:5555");
            assertThat(listed.getString("proxyAddress").getValue()).startsWith("127.0.0.1:");
        }

        boolean cleaned = SessionsServer.await(CLEANUP_DEADLINE_MILLIS, () -> !cursorListed(cursorId)
                && counter("transactions", "abortedByLoadBalancerDisconnect") > abortedBefore);
        assertThat(cleaned).as("cursor killed and transaction aborted within %d ms", CLEANUP_DEADLINE_MILLIS)
                .isTrue();

        assertThat(counter("metrics", "cursor", "killedByLoadBalancerDisconnect")).isEqualTo(cursorsKilledBefore + 1);
        assertThat(counter("transactions", "abortCause", "Interrupted")).isEqualTo(interruptedBefore + 1);
        assertThat(counter("transactions", "totalAborted")).isEqualTo(totalAbortedBefore + 1);
        try (BlockingWireClient other = BlockingWireClient.open(server.mainPort())) {
            BsonDocument more = other.run(getMore(cursorId, cursorSession));
            assertThat(more.getNumber("code").intValue()).isEqualTo(43);
            BsonDocument continued = other.run(txnInsert(txnSession, "lb-txn-2", false));
            assertThat(continued.getNumber("code").intValue()).isEqualTo(251);
            assertThat(continued.getArray("errorLabels")).contains(new BsonString("TransientTransactionError"));
        }
        coll.insertOne(new Document("_id", "lb-txn"));
        assertThat(coll.countDocuments(new Document("_id", "lb-txn"))).isEqualTo(1);
        LeakCheck.assertNothingOpen(server.client);
    }

    @Test
    void closingAMainPortConnectionLeavesItsCursorAlive() throws Exception {
        LogicalSessionId lsid = LogicalSessionId.random();
        long connectionsBefore = server.serverStatus().getDocument("connections").getNumber("current").longValue();
        long cursorId;
        try (BlockingWireClient main = BlockingWireClient.open(server.mainPort())) {
            cursorId = main.run(find(lsid)).getDocument("cursor").getInt64("id").getValue();
        }
        assertThat(SessionsServer.await(5000, () -> server.serverStatus().getDocument("connections")
                .getNumber("current").longValue() <= connectionsBefore)).isTrue();
        assertThat(cursorListed(cursorId)).isTrue();
        try (BlockingWireClient again = BlockingWireClient.open(server.mainPort())) {
            BsonDocument more = again.run(getMore(cursorId, lsid));
            assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(2);
            again.run(new BsonDocument("killCursors", new BsonString(name))
                    .append("cursors", new BsonArray(List.of(new BsonInt64(cursorId))))
                    .append("$db", new BsonString(db)));
        }
        LeakCheck.assertNothingOpen(server.client);
    }
}
