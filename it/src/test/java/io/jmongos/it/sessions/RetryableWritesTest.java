package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

/**
 * Retryable writes: the same command sent twice with one lsid and txnNumber (a reply lost on the way back,
 * then the driver's retry) is applied once and answered with the first result.
 */
class RetryableWritesTest {
    private static SessionsServer server;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck(() -> server.client);

    private MongoDatabase db;
    private MongoCollection<Document> coll;
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
    void createCollection() {
        db = server.client.getDatabase("retry");
        name = "c" + System.nanoTime();
        coll = db.getCollection(name);
        coll.insertOne(new Document("_id", "counter").append("n", 0));
    }

    /**
     * Send {@code command} twice in {@code session} with the same, fresh txnNumber (the driver's pooled server
     * sessions have used lower numbers already); return both replies.
     */
    private BsonDocument[] twice(ClientSession session, Document command) {
        long txnNumber = session.getServerSession().advanceTransactionNumber();
        Document withTxn = new Document(command).append("txnNumber", txnNumber);
        BsonDocument first = db.runCommand(session, withTxn, BsonDocument.class);
        BsonDocument retry = db.runCommand(session, withTxn, BsonDocument.class);
        return new BsonDocument[] {first, retry};
    }

    @Test
    void insertRetriedAfterALostReplyIsAppliedOnce() {
        try (ClientSession s = server.client.startSession()) {
            BsonDocument[] r = twice(s, new Document("insert", name)
                    .append("documents", List.of(new Document("_id", "x"))));
            assertThat(r[0].getNumber("n").intValue()).isEqualTo(1);
            assertThat(r[1].getNumber("n").intValue()).isEqualTo(1);
            assertThat(r[1].containsKey("writeErrors")).isFalse();
        }
        assertThat(coll.countDocuments(Filters.eq("_id", "x"))).isEqualTo(1);
    }

    @Test
    void updateRetriedIsAppliedOnce() {
        try (ClientSession s = server.client.startSession()) {
            BsonDocument[] r = twice(s, new Document("update", name).append("updates", List.of(
                    new Document("q", new Document("_id", "counter")).append("u",
                            new Document("$inc", new Document("n", 1))))));
            assertThat(r[0].getNumber("nModified").intValue()).isEqualTo(1);
            assertThat(r[1].getNumber("nModified").intValue()).isEqualTo(1);
        }
        assertThat(coll.find(Filters.eq("_id", "counter")).first().getInteger("n")).isEqualTo(1);
    }

    @Test
    void deleteRetriedReportsTheFirstResult() {
        coll.insertOne(new Document("_id", "gone"));
        try (ClientSession s = server.client.startSession()) {
            BsonDocument[] r = twice(s, new Document("delete", name).append("deletes", List.of(
                    new Document("q", new Document("_id", "gone")).append("limit", 1))));
            assertThat(r[0].getNumber("n").intValue()).isEqualTo(1);
            assertThat(r[1].getNumber("n").intValue()).isEqualTo(1);
        }
    }

    @Test
    void findAndModifyRetriedReturnsTheSameDocument() {
        try (ClientSession s = server.client.startSession()) {
            BsonDocument[] r = twice(s, new Document("findAndModify", name)
                    .append("query", new Document("_id", "counter"))
                    .append("update", new Document("$inc", new Document("n", 5))).append("new", true));
            assertThat(r[0].getDocument("value").getNumber("n").intValue()).isEqualTo(5);
            assertThat(r[1].getDocument("value").getNumber("n").intValue()).isEqualTo(5);
        }
        assertThat(coll.find(Filters.eq("_id", "counter")).first().getInteger("n")).isEqualTo(5);
    }

    @Test
    void aNewTxnNumberAppliesAgain() {
        try (ClientSession s = server.client.startSession()) {
            Document inc = new Document("update", name).append("updates", List.of(
                    new Document("q", new Document("_id", "counter")).append("u",
                            new Document("$inc", new Document("n", 1)))));
            twice(s, inc);
            twice(s, inc);
        }
        assertThat(coll.find(Filters.eq("_id", "counter")).first().getInteger("n")).isEqualTo(2);
    }
}
