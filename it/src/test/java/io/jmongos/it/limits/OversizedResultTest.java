package io.jmongos.it.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ch.qos.logback.classic.Level;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;

import io.jmongos.server.JmongosServer;

/**
 * Results past the BSON limits, as MongoDB answers them: a result document over 16 MiB (+16 KiB of
 * BSONObjMaxInternalSize) fails the command with BSONObjectTooLarge (10334); batches of large documents are split
 * so no reply passes maxMessageSizeBytes. The connection stays open and nothing is logged at WARN or above.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedResultTest {
    /** maxBsonObjectSize of the hello reply. */
    static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    /** Room left in a document for its _id and the field name around the big string. */
    static final int DOCUMENT_OVERHEAD = 64;

    private JmongosServer server;
    private MongoClient client;
    private MongoCollection<Document> big;

    @BeforeAll
    void start() {
        server = LimitsServer.start();
        client = LimitsServer.singleConnectionClient(server);
        big = client.getDatabase("limits").getCollection("big");
        String s = "x".repeat(MAX_BSON_OBJECT_SIZE - DOCUMENT_OVERHEAD);
        for (int i = 0; i < 3; i++) {
            big.insertOne(new Document("_id", i).append("s", s));
        }
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

    @Test
    void findOfThreeMaximumDocumentsIsSplitIntoBatches() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            List<Integer> ids = new ArrayList<>();
            try (MongoCursor<Document> c = big.find().batchSize(3).iterator()) {
                c.forEachRemaining(d -> ids.add(d.getInteger("_id")));
            }
            assertThat(ids).containsExactly(0, 1, 2);
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }

    @Test
    void aggregateOfThreeMaximumDocumentsIsSplitIntoBatches() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            List<Integer> ids = new ArrayList<>();
            big.aggregate(List.of(new Document("$sort", new Document("_id", 1)))).batchSize(3)
                    .forEach(d -> ids.add(d.getInteger("_id")));
            assertThat(ids).containsExactly(0, 1, 2);
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }

    @Test
    void groupBuildingADocumentOverTheLimitFailsWithBsonObjectTooLarge() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            List<Document> pipeline = List.of(new Document("$group",
                    new Document("_id", null).append("all", new Document("$push", "$s"))));
            assertThatThrownBy(() -> big.aggregate(pipeline).first())
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(10334);
                        assertThat(e.getErrorCodeName()).isEqualTo("BSONObjectTooLarge");
                        assertThat(e.getErrorMessage()).contains("is invalid. Size must be between 0 and 16793600");
                    });
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }

    @Test
    void projectBuildingADocumentOverTheLimitFailsWithBsonObjectTooLarge() {
        long opened = LimitsServer.connectionsOpened(client);
        try (LogEvents log = new LogEvents()) {
            List<Document> pipeline = List.of(new Document("$match", new Document("_id", 0)),
                    new Document("$project", new Document("twice", List.of("$s", "$s"))));
            assertThatThrownBy(() -> big.aggregate(pipeline).first())
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(10334));
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
        assertThat(LimitsServer.connectionsOpened(client)).isEqualTo(opened);
    }
}
