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
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/** Multi-document transactions through the driver: commit, abort, conflicts, snapshots, retried commits. */
class TransactionsTest {
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
    void createCollection() {
        coll = server.client.getDatabase("txns").getCollection("c" + System.nanoTime());
        coll.insertOne(new Document("_id", "a").append("v", 1));
    }

    private static TransactionOptions snapshot() {
        return TransactionOptions.builder().readConcern(ReadConcern.SNAPSHOT).build();
    }

    @Test
    void committedWritesBecomeVisibleTogether() {
        long committedBefore = server.transactions().getNumber("totalCommitted").longValue();
        try (ClientSession s = server.client.startSession()) {
            s.startTransaction(snapshot());
            coll.insertOne(s, new Document("_id", "b"));
            coll.updateOne(s, Filters.eq("_id", "a"), Updates.set("v", 2));
            assertThat(coll.countDocuments(Filters.eq("_id", "b"))).isZero();
            assertThat(coll.find(s, Filters.eq("_id", "b")).first()).isNotNull();
            s.commitTransaction();
        }
        assertThat(coll.find(Filters.eq("_id", "b")).first()).isNotNull();
        assertThat(coll.find(Filters.eq("_id", "a")).first().getInteger("v")).isEqualTo(2);
        assertThat(server.transactions().getNumber("totalCommitted").longValue()).isEqualTo(committedBefore + 1);
    }

    @Test
    void abortedWritesAreNeverVisible() {
        try (ClientSession s = server.client.startSession()) {
            s.startTransaction(snapshot());
            coll.insertOne(s, new Document("_id", "b"));
            s.abortTransaction();
        }
        assertThat(coll.countDocuments()).isEqualTo(1);
        assertThat(server.transactions().getDocument("abortCause").getNumber("abort").longValue()).isPositive();
    }

    @Test
    void concurrentWritersOfOneDocumentConflict() {
        try (ClientSession a = server.client.startSession(); ClientSession b = server.client.startSession()) {
            a.startTransaction(snapshot());
            b.startTransaction(snapshot());
            coll.updateOne(a, Filters.eq("_id", "a"), Updates.inc("v", 1));
            assertThatThrownBy(() -> coll.updateOne(b, Filters.eq("_id", "a"), Updates.inc("v", 10)))
                    .isInstanceOfSatisfying(MongoException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(112);
                        assertThat(e.hasErrorLabel("TransientTransactionError")).isTrue();
                    });
            a.commitTransaction();
            assertThatThrownBy(b::commitTransaction).isInstanceOfSatisfying(MongoException.class,
                    e -> assertThat(e.getCode()).isEqualTo(251));
        }
        assertThat(coll.find(Filters.eq("_id", "a")).first().getInteger("v")).isEqualTo(2);
    }

    @Test
    void snapshotReadsDoNotSeeLaterCommits() {
        try (ClientSession reader = server.client.startSession()) {
            reader.startTransaction(snapshot());
            assertThat(coll.find(reader, Filters.eq("_id", "a")).first().getInteger("v")).isEqualTo(1);
            coll.updateOne(Filters.eq("_id", "a"), Updates.set("v", 5));
            coll.insertOne(new Document("_id", "late"));
            assertThat(coll.find(reader, Filters.eq("_id", "a")).first().getInteger("v")).isEqualTo(1);
            assertThat(coll.find(reader, Filters.eq("_id", "late")).first()).isNull();
            reader.commitTransaction();
        }
        assertThat(coll.find(Filters.eq("_id", "a")).first().getInteger("v")).isEqualTo(5);
    }

    @Test
    void retryingTheCommitOfACommittedTransactionSucceeds() {
        try (ClientSession s = server.client.startSession()) {
            s.startTransaction();
            coll.insertOne(s, new Document("_id", "r"));
            s.commitTransaction();
            s.commitTransaction();
            BsonDocument again = server.client.getDatabase("admin").runCommand(s, new Document("commitTransaction", 1)
                    .append("txnNumber", s.getServerSession().getTransactionNumber())
                    .append("autocommit", false), BsonDocument.class);
            assertThat(again.getNumber("ok").intValue()).isEqualTo(1);
        }
        assertThat(coll.countDocuments(Filters.eq("_id", "r"))).isEqualTo(1);
    }

    @Test
    void aCursorOpenedInATransactionIsContinuedInIt() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            docs.add(new Document("_id", i));
        }
        coll.insertMany(docs);
        try (ClientSession s = server.client.startSession()) {
            s.startTransaction(snapshot());
            int n = 0;
            try (MongoCursor<Document> c = coll.find(s).batchSize(3).iterator()) {
                while (c.hasNext()) {
                    c.next();
                    n++;
                }
            }
            assertThat(n).isEqualTo(21);
            s.commitTransaction();
        }
    }

    @Test
    void txnNumberOnAReadIsRefused() {
        try (ClientSession s = server.client.startSession()) {
            assertThatThrownBy(() -> server.client.getDatabase("txns").runCommand(s, new Document("find",
                    coll.getNamespace().getCollectionName()).append("txnNumber", 1L)))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(50768);
                        assertThat(e.getErrorMessage()).contains("find is not a retryable write command");
                    });
        }
    }

    @Test
    void idleTransactionsExpireAfterTheLifetimeLimit() {
        server.client.getDatabase("admin").runCommand(new Document("setParameter", 1)
                .append("transactionLifetimeLimitSeconds", 1));
        try (ClientSession s = server.client.startSession()) {
            long expiredBefore = server.transactions().getDocument("abortCause")
                    .getNumber("TransactionExceededLifetimeLimitSeconds", new org.bson.BsonInt64(0)).longValue();
            s.startTransaction();
            coll.insertOne(s, new Document("_id", "expiring"));
            assertThat(SessionsServer.await(10_000, () -> server.transactions().getDocument("abortCause")
                    .getNumber("TransactionExceededLifetimeLimitSeconds", new org.bson.BsonInt64(0)).longValue()
                    > expiredBefore)).isTrue();
            assertThatThrownBy(s::commitTransaction).isInstanceOfSatisfying(MongoException.class, e -> {
                assertThat(e.getCode()).isEqualTo(251);
                assertThat(e.hasErrorLabel("TransientTransactionError")).isTrue();
            });
        } finally {
            server.client.getDatabase("admin").runCommand(new Document("setParameter", 1)
                    .append("transactionLifetimeLimitSeconds", 60));
        }
        assertThat(coll.countDocuments(Filters.eq("_id", "expiring"))).isZero();
    }
}
