package io.jmongos.it.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;

import io.jmongos.server.JmongosServer;

/** Change streams through the real driver against a jmongos on its embedded shard. */
class ChangeStreamDriverTest {
    /** How long a test waits for an expected event before failing (generous for a loaded 2-core machine). */
    private static final long EVENT_WAIT_MILLIS = 30_000;

    private static JmongosServer server;
    private static MongoClient client;
    private MongoCollection<Document> coll;

    @BeforeAll
    static void start() {
        server = JmongosServer.start(List.of("--port", "0"));
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.mainPort()))
                .applyToSocketSettings(s -> s.readTimeout(60, TimeUnit.SECONDS))
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void collection() {
        coll = client.getDatabase("changes").getCollection("c" + System.nanoTime());
        client.getDatabase("changes").createCollection(coll.getNamespace().getCollectionName());
    }

    /** The next {@code n} events (tryNext runs one awaitData getMore at a time). */
    private static <T> List<ChangeStreamDocument<T>> take(MongoChangeStreamCursor<ChangeStreamDocument<T>> cursor,
                                                          int n) {
        List<ChangeStreamDocument<T>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + EVENT_WAIT_MILLIS;
        while (out.size() < n && System.currentTimeMillis() < deadline) {
            ChangeStreamDocument<T> e = cursor.tryNext();
            if (e != null) {
                out.add(e);
            }
        }
        assertThat(out).as("events received before the deadline").hasSize(n);
        return out;
    }

    private static long openCursors() {
        BsonDocument status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1),
                BsonDocument.class);
        return status.getDocument("metrics").getDocument("cursor").getDocument("open").getNumber("total")
                .longValue();
    }

    @Test
    void insertUpdateReplaceDeleteArriveInOrder() {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = coll.watch()
                .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 1).append("n", 1));
            coll.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("n", 2), Updates.set("m", "x")));
            coll.replaceOne(Filters.eq("_id", 1), new Document("r", true));
            coll.deleteOne(Filters.eq("_id", 1));
            List<ChangeStreamDocument<Document>> ev = take(cursor, 4);
            assertThat(ev).extracting(ChangeStreamDocument::getOperationType).containsExactly(OperationType.INSERT,
                    OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE);
            assertThat(ev.get(0).getFullDocument()).isEqualTo(new Document("_id", 1).append("n", 1));
            assertThat(ev.get(0).getNamespace()).isEqualTo(coll.getNamespace());
            assertThat(ev.get(0).getDocumentKey()).isEqualTo(new BsonDocument("_id", new BsonInt32(1)));
            assertThat(ev.get(1).getUpdateDescription().getUpdatedFields()).isEqualTo(
                    new BsonDocument("n", new BsonInt32(2)).append("m", new BsonString("x")));
            assertThat(ev.get(1).getUpdateDescription().getRemovedFields()).isEmpty();
            assertThat(ev.get(2).getFullDocument()).isEqualTo(new Document("_id", 1).append("r", true));
            assertThat(ev.get(3).getDocumentKey()).isEqualTo(new BsonDocument("_id", new BsonInt32(1)));
            assertThat(ev.get(3).getClusterTime()).isGreaterThan(ev.get(0).getClusterTime());
            assertThat(ev.get(3).getWallTime()).isNotNull();
            assertThat(cursor.getResumeToken()).isEqualTo(ev.get(3).getResumeToken());
        }
    }

    @Test
    void resumeAfterATokenDeliversWhatCameNext() {
        BsonDocument token;
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = coll.watch()
                .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", "first"));
            token = take(cursor, 1).get(0).getResumeToken();
        }
        coll.insertOne(new Document("_id", "second"));
        coll.insertOne(new Document("_id", "third"));
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> resumed = coll.watch().resumeAfter(token)
                .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            assertThat(take(resumed, 2)).extracting(e -> e.getDocumentKey().getString("_id").getValue())
                    .containsExactly("second", "third");
        }
    }

    @Test
    void aPipelineMatchFiltersEvents() {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = coll.watch(List.of(
                        Aggregates.match(Filters.eq("fullDocument.keep", true))))
                .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 1).append("keep", false));
            coll.insertOne(new Document("_id", 2).append("keep", true));
            coll.insertOne(new Document("_id", 3).append("keep", false));
            coll.insertOne(new Document("_id", 4).append("keep", true));
            assertThat(take(cursor, 2)).extracting(e -> e.getFullDocument().getInteger("_id")).containsExactly(2, 4);
        }
    }

    @Test
    void updateLookupAndDatabaseAndClientStreams() {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> lookup = coll.watch()
                .fullDocument(FullDocument.UPDATE_LOOKUP).maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor();
             MongoChangeStreamCursor<ChangeStreamDocument<Document>> db = client.getDatabase("changes").watch()
                     .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor();
             MongoChangeStreamCursor<ChangeStreamDocument<Document>> all = client.watch()
                     .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 1).append("n", 1));
            coll.updateOne(Filters.eq("_id", 1), Updates.inc("n", 1));
            client.getDatabase("elsewhere").getCollection("x").insertOne(new Document("_id", "other"));
            assertThat(take(lookup, 2).get(1).getFullDocument()).isEqualTo(new Document("_id", 1).append("n", 2));
            assertThat(take(db, 2)).extracting(ChangeStreamDocument::getOperationType)
                    .containsExactly(OperationType.INSERT, OperationType.UPDATE);
            assertThat(take(all, 3)).extracting(e -> e.getNamespace().getDatabaseName())
                    .containsExactly("changes", "changes", "elsewhere");
        }
    }

    @Test
    void closingTheStreamKillsItsCursors() {
        long before = openCursors();
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = coll.watch()
                .maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor();
        assertThat(cursor.tryNext()).isNull();
        assertThat(openCursors()).isEqualTo(before + 1);
        cursor.close();
        long deadline = System.currentTimeMillis() + EVENT_WAIT_MILLIS;
        while (openCursors() > before && System.currentTimeMillis() < deadline) {
            pause();
        }
        assertThat(openCursors()).isEqualTo(before);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void droppingTheCollectionInvalidatesTheStream() {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = coll.watch()
                .maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 1));
            coll.drop();
            assertThat(take(cursor, 3)).extracting(ChangeStreamDocument::getOperationType)
                    .containsExactly(OperationType.INSERT, OperationType.DROP, OperationType.INVALIDATE);
        }
    }
}
