package io.jmongos.it.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ch.qos.logback.classic.Level;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.jmongos.server.JmongosServer;

/**
 * MongoDB's nesting limits through the driver: a stored document may nest 180 levels (counting the top one), deeper
 * writes fail with Overflow (15) in a write error; a command nested more than 200 levels below its top level fails
 * with Overflow in an error reply. The connection is never closed and nothing is logged at WARN or above.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestingDepthTest {
    /** BSONDepth::getMaxDepthForUserStorage(). */
    static final int STORAGE_LIMIT = 180;
    /** BSONDepth::kDefaultMaxAllowableDepth: levels below the top one. */
    static final int BSON_LIMIT = 200;

    private JmongosServer server;
    private MongoClient client;
    private MongoDatabase db;
    private MongoCollection<Document> coll;

    @BeforeAll
    void start() {
        server = LimitsServer.start();
        client = LimitsServer.singleConnectionClient(server);
        db = client.getDatabase("limits");
        coll = db.getCollection("deep");
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        coll.drop();
    }

    /** {@code {_id, a: {a: ... {a: 1}}}} with {@code levels} documents, the top one included. */
    static Document nested(Object id, int levels) {
        Object inner = 1;
        for (int i = 1; i < levels; i++) {
            inner = new Document("a", inner);
        }
        return new Document("_id", id).append("a", inner);
    }

    @Test
    void storedDocumentsNestAtMost180Levels() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            coll.insertOne(nested(180, STORAGE_LIMIT));
            for (int levels : new int[] {STORAGE_LIMIT + 1, BSON_LIMIT, BSON_LIMIT + 1}) {
                assertThatThrownBy(() -> coll.insertOne(nested(levels, levels)))
                        .as("%d levels", levels)
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                            assertThat(e.getError().getCode()).isEqualTo(15);
                            assertThat(e.getError().getMessage())
                                    .isEqualTo("cannot insert document because it exceeds 180 levels of nesting");
                        });
            }
            assertThatThrownBy(() -> coll.updateOne(Filters.eq("_id", 180),
                    Updates.set("a", nested(0, STORAGE_LIMIT))))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                        assertThat(e.getError().getCode()).isEqualTo(15);
                        assertThat(e.getError().getMessage())
                                .isEqualTo("Document exceeds maximum nesting depth of 180");
                    });
            assertThat(coll.countDocuments()).isEqualTo(1);
            assertThat(coll.find().first()).isEqualTo(nested(180, STORAGE_LIMIT));
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }

    @Test
    void commandNestedPastTheBsonLimitGetsOverflowReply() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            // The filter's own level is the first below the command's: a filter of 200 levels passes, 201 do not.
            Document atLimit = nested(0, BSON_LIMIT);
            assertThat(db.runCommand(new Document("find", "deep").append("filter", atLimit))
                    .get("ok", Number.class).intValue()).isEqualTo(1);
            Document tooDeep = nested(0, BSON_LIMIT + 1);
            assertThatThrownBy(() -> db.runCommand(new Document("find", "deep").append("filter", tooDeep)))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(15);
                        assertThat(e.getErrorCodeName()).isEqualTo("Overflow");
                        assertThat(e.getErrorMessage()).startsWith("BSONObj exceeds maximum nested object depth");
                    });
            assertThatThrownBy(() -> coll.insertOne(nested(1, BSON_LIMIT + 2)))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(15));
            assertThat(db.runCommand(new Document("ping", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }
}
