package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;

/** Explicit sessions: startSession, endSessions killing cursors and transactions, $currentOp, causal reads. */
class SessionLifecycleTest {
    private static SessionsServer server;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck(() -> server.client);

    private MongoCollection<Document> coll;

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
        coll = server.client.getDatabase("sessions").getCollection("c" + System.nanoTime());
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new Document("_id", i));
        }
        coll.insertMany(docs);
    }

    @Test
    void startSessionReturnsAUuidAndTheTimeout() {
        BsonDocument reply = server.client.getDatabase("admin").runCommand(new Document("startSession", 1),
                BsonDocument.class);
        assertThat(reply.getDocument("id").getBinary("id").getType()).isEqualTo((byte) 4);
        assertThat(reply.getNumber("timeoutMinutes").intValue()).isEqualTo(30);
        server.client.getDatabase("admin").runCommand(new Document("endSessions", List.of(reply.getDocument("id"))));
    }

    @Test
    void endingASessionKillsItsCursorsAndAbortsItsTransaction() {
        long abortedBefore = server.transactions().getNumber("totalAborted").longValue();
        try (ClientSession s = server.client.startSession()) {
            MongoCursor<Document> cursor = coll.find(s).batchSize(5).iterator();
            cursor.next();
            ClientSession txn = server.client.startSession();
            txn.startTransaction();
            coll.insertOne(txn, new Document("_id", "pending"));
            server.client.getDatabase("admin").runCommand(new Document("endSessions", List.of(
                    s.getServerSession().getIdentifier(), txn.getServerSession().getIdentifier())));
            assertThatThrownBy(() -> {
                while (cursor.hasNext()) {
                    cursor.next();
                }
            }).isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(43));
            assertThat(server.transactions().getNumber("totalAborted").longValue()).isEqualTo(abortedBefore + 1);
            assertThat(coll.countDocuments(Filters.eq("_id", "pending"))).isZero();
            txn.close();
        }
    }

    @Test
    void currentOpShowsIdleCursorsAndIdleSessions() {
        try (ClientSession s = server.client.startSession(); ClientSession t = server.client.startSession()) {
            MongoCursor<Document> cursor = coll.find(s).batchSize(5).iterator();
            cursor.next();
            t.startTransaction();
            coll.insertOne(t, new Document("_id", "in-txn"));

            List<BsonDocument> entries = server.client.getDatabase("admin").aggregate(List.of(
                    new Document("$currentOp", new Document("idleCursors", true).append("idleSessions", true)
                            .append("allUsers", true).append("localOps", true))), BsonDocument.class)
                    .into(new ArrayList<>());

            BsonDocument idleCursor = entries.stream()
                    .filter(d -> d.getString("type").getValue().equals("idleCursor"))
                    .filter(d -> d.getString("ns").getValue().equals(coll.getNamespace().getFullName())).findFirst()
                    .orElseThrow();
            BsonDocument c = idleCursor.getDocument("cursor");
            assertThat(c.getInt64("cursorId").getValue()).isEqualTo(cursor.getServerCursor().getId());
            assertThat(c.getDocument("originatingCommand").getString("find").getValue())
                    .isEqualTo(coll.getNamespace().getCollectionName());
            assertThat(c.isDateTime("lastAccessDate")).isTrue();
            assertThat(idleCursor.getString("client").getValue()).startsWith("127.0.0.1:");
            assertThat(idleCursor.containsKey("connectionId")).isTrue();

            BsonDocument idleSession = entries.stream()
                    .filter(d -> d.getString("type").getValue().equals("idleSession"))
                    .filter(d -> d.getDocument("lsid").getBinary("id")
                            .equals(t.getServerSession().getIdentifier().getBinary("id")))
                    .findFirst().orElseThrow();
            assertThat(idleSession.getDocument("transaction").getDocument("parameters").getNumber("txnNumber")
                    .longValue()).isEqualTo(t.getServerSession().getTransactionNumber());

            cursor.close();
            t.abortTransaction();
        }
    }

    @Test
    void causallyConsistentSessionReadsItsOwnWrites() {
        try (ClientSession s = server.client.startSession(com.mongodb.ClientSessionOptions.builder()
                .causallyConsistent(true).build())) {
            coll.insertOne(s, new Document("_id", "mine"));
            assertThat(s.getOperationTime()).isNotNull();
            assertThat(coll.find(s, Filters.eq("_id", "mine")).first()).isNotNull();
            assertThat(s.getClusterTime()).isNotNull();
        }
    }
}
