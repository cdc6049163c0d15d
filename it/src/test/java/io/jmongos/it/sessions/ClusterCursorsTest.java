package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.wire.client.BlockingWireClient;

/** Cluster cursors through the real driver: batching, killCursors, the idle reaper, reconnection. */
class ClusterCursorsTest {
    private static SessionsServer server;
    private static final List<String> COMMANDS = new CopyOnWriteArrayList<>();
    private static MongoClient monitored;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck(() -> server.client);

    private MongoCollection<Document> coll;

    @BeforeAll
    static void start() {
        server = new SessionsServer();
        monitored = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.mainPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        COMMANDS.add(event.getCommandName());
                    }
                }).build());
    }

    @AfterAll
    static void stop() {
        monitored.close();
        server.close();
    }

    @BeforeEach
    void seed() {
        coll = monitored.getDatabase("cursors").getCollection("c" + System.nanoTime());
        List<Document> docs = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> docs.add(new Document("_id", i)));
        coll.insertMany(docs);
        COMMANDS.clear();
    }

    @Test
    void findIteratesEveryDocumentAcrossGetMores() {
        List<Integer> ids = new ArrayList<>();
        coll.find().sort(new Document("_id", 1)).batchSize(7).forEach(d -> ids.add(d.getInteger("_id")));
        assertThat(ids).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(COMMANDS.stream().filter("getMore"::equals).count()).isBetween(14L, 15L);
        List<Document> agg = coll.aggregate(List.of(new Document("$match", new Document()))).batchSize(9)
                .into(new ArrayList<>());
        assertThat(agg).hasSize(100);
    }

    @Test
    void closingACursorEarlyKillsIt() {
        long before = server.openCursors();
        try (MongoCursor<Document> cursor = coll.find().batchSize(2).iterator()) {
            cursor.next();
            assertThat(server.openCursors()).isEqualTo(before + 1);
        }
        assertThat(COMMANDS).contains("killCursors");
        assertThat(server.openCursors()).isEqualTo(before);
    }

    @Test
    void killCursorsReportsEachId() {
        BsonDocument first = server.client.getDatabase("cursors").runCommand(new Document("find",
                coll.getNamespace().getCollectionName()).append("batchSize", 2), BsonDocument.class);
        long id = first.getDocument("cursor").getInt64("id").getValue();
        BsonDocument reply = server.client.getDatabase("cursors").runCommand(new Document("killCursors",
                coll.getNamespace().getCollectionName()).append("cursors", List.of(id, 424242L)), BsonDocument.class);
        assertThat(reply.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
        assertThat(reply.getArray("cursorsNotFound")).containsExactly(new BsonInt64(424242L));
        assertThat(reply.getArray("cursorsAlive")).isEmpty();
        assertThat(reply.getArray("cursorsUnknown")).isEmpty();
    }

    @Test
    void getMoreOnAnotherNamespaceIsUnauthorized() {
        BsonDocument first = server.client.getDatabase("cursors").runCommand(new Document("find",
                coll.getNamespace().getCollectionName()).append("batchSize", 2), BsonDocument.class);
        long id = first.getDocument("cursor").getInt64("id").getValue();
        try {
            assertThatThrownBy(() -> server.client.getDatabase("cursors").runCommand(new Document("getMore", id)
                    .append("collection", "other")))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(13);
                        assertThat(e.getErrorMessage()).isEqualTo("Requested getMore on namespace 'cursors.other', "
                                + "but cursor belongs to a different namespace " + coll.getNamespace());
                    });
        } finally {
            server.client.getDatabase("cursors").runCommand(new Document("killCursors",
                    coll.getNamespace().getCollectionName()).append("cursors", List.of(id)));
        }
    }

    @Test
    void idleCursorsAreReapedAfterCursorTimeoutMillisSetAtRuntime() {
        BsonDocument before = server.serverStatus().getDocument("metrics").getDocument("cursor");
        long timedOutBefore = before.getNumber("timedOut").longValue();
        server.client.getDatabase("admin").runCommand(new Document("setParameter", 1)
                .append("cursorTimeoutMillis", 300));
        try {
            BsonDocument first = server.client.getDatabase("cursors").runCommand(new Document("find",
                    coll.getNamespace().getCollectionName()).append("batchSize", 2), BsonDocument.class);
            long id = first.getDocument("cursor").getInt64("id").getValue();
            boolean reaped = SessionsServer.await(10_000, () -> server.serverStatus().getDocument("metrics")
                    .getDocument("cursor").getNumber("timedOut").longValue() > timedOutBefore);
            assertThat(reaped).as("cursor reaped within 10 s").isTrue();
            assertThatThrownBy(() -> server.client.getDatabase("cursors").runCommand(new Document("getMore", id)
                    .append("collection", coll.getNamespace().getCollectionName())))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(43);
                        assertThat(e.getErrorCodeName()).isEqualTo("CursorNotFound");
                    });
        } finally {
            server.client.getDatabase("admin").runCommand(new Document("setParameter", 1)
                    .append("cursorTimeoutMillis", 600_000));
        }
        BsonDocument param = server.client.getDatabase("admin").runCommand(new Document("getParameter", 1)
                .append("cursorTimeoutMillis", 1), BsonDocument.class);
        assertThat(param.getNumber("cursorTimeoutMillis").longValue()).isEqualTo(600_000);
    }

    @Test
    void aCursorOutlivesItsConnectionOnTheMainPort() throws Exception {
        LogicalSessionId lsid = LogicalSessionId.random();
        String name = coll.getNamespace().getCollectionName();
        long id;
        try (BlockingWireClient first = BlockingWireClient.open(server.mainPort())) {
            BsonDocument reply = first.run(new BsonDocument("find", new BsonString(name))
                    .append("batchSize", new BsonInt32(10)).append("lsid", lsid.toBson())
                    .append("$db", new BsonString("cursors")));
            id = reply.getDocument("cursor").getInt64("id").getValue();
            assertThat(id).isNotZero();
        }
        try (BlockingWireClient second = BlockingWireClient.open(server.mainPort())) {
            BsonDocument more = second.run(new BsonDocument("getMore", new BsonInt64(id))
                    .append("collection", new BsonString(name)).append("lsid", lsid.toBson())
                    .append("$db", new BsonString("cursors")));
            assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(90);
            assertThat(more.getDocument("cursor").getInt64("id").getValue()).isZero();
            BsonDocument end = second.run(new BsonDocument("endSessions", new org.bson.BsonArray(List.of(
                    lsid.toBson()))).append("$db", new BsonString("admin")));
            assertThat(end.getNumber("ok").intValue()).isEqualTo(1);
            assertThat(end.containsKey("$clusterTime")).isTrue();
        }
    }
}
