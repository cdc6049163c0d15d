package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.connection.ServerType;

/**
 * The conformance suite: the official Java driver against a running jmongos. Subclasses say how the server
 * is started (in memory, on a data directory ...); every test runs against each.
 */
public abstract class ConformanceSuite extends InProcessServerTest {
    /** One MiB. */
    static final int MIB = 1024 * 1024;

    protected MongoDatabase db;

    /** Command-line arguments of the server under test. */
    @Override
    protected abstract List<String> serverArgs();

    @BeforeEach
    void freshDatabase() {
        db = client.getDatabase("conformance");
        db.drop();
    }

    protected Document admin(Document command) {
        return client.getDatabase("admin").runCommand(command);
    }

    @Test
    void handshakeReplyIsAMongosReply() {
        Document hello = admin(new Document("hello", 1).append("helloOk", true));
        assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
        assertThat(hello.getString("msg")).isEqualTo("isdbgrid");
        assertThat(hello.get("maxBsonObjectSize", Number.class).intValue()).isEqualTo(16 * MIB);
        assertThat(hello.get("maxMessageSizeBytes", Number.class).intValue()).isEqualTo(48_000_000);
        assertThat(hello.get("maxWriteBatchSize", Number.class).intValue()).isEqualTo(100_000);
        assertThat(hello.get("logicalSessionTimeoutMinutes", Number.class).intValue()).isEqualTo(30);
        assertThat(hello.get("connectionId", Number.class).longValue()).isPositive();
        assertThat(hello.get("minWireVersion", Number.class).intValue()).isZero();
        assertThat(hello.get("maxWireVersion", Number.class).intValue()).isGreaterThanOrEqualTo(17);
        assertThat(hello.get("topologyVersion", Document.class).keySet()).containsExactly("processId", "counter");
        assertThat(hello.getBoolean("helloOk")).isTrue();
        assertThat(hello).doesNotContainKeys("serviceId", "saslSupportedMechs");
        assertThat(hello.getDate("localTime")).isNotNull();
        assertThat(client.getClusterDescription().getServerDescriptions())
                .allSatisfy(d -> assertThat(d.getType()).isEqualTo(ServerType.SHARD_ROUTER));
    }

    @Test
    void serverCommands() {
        assertThat(admin(new Document("ping", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
        Document build = admin(new Document("buildInfo", 1));
        assertThat(build.getString("version")).startsWith("7.0");
        assertThat(build.getList("versionArray", Integer.class)).hasSize(4);
        Document status = admin(new Document("serverStatus", 1));
        assertThat(status.getString("process")).isEqualTo("mongos");
        assertThat(status.get("connections", Document.class).get("current", Number.class).intValue()).isPositive();
        assertThat(status.get("opcounters", Document.class).keySet())
                .contains("insert", "query", "update", "delete", "getmore", "command");
        assertThat(status.get("network", Document.class).get("bytesIn", Number.class).longValue()).isPositive();
        Document param = admin(new Document("getParameter", 1).append("loadBalancerPort", 1));
        assertThat(param.get("loadBalancerPort", Number.class).intValue()).isZero();
        MongoCommandException refused = org.junit.jupiter.api.Assertions.assertThrows(MongoCommandException.class,
                () -> admin(new Document("setParameter", 1).append("loadBalancerPort", 1234)));
        assertThat(refused.getErrorCode()).isEqualTo(20);
        assertThat(refused.getErrorMessage()).contains("loadBalancerPort");
        Document was = admin(new Document("setParameter", 1).append("proxyProtocolTimeoutSecs", 5));
        assertThat(was.get("was", Number.class).intValue()).isEqualTo(10);
        admin(new Document("setParameter", 1).append("proxyProtocolTimeoutSecs", 10));
        assertThat(admin(new Document("whatsmyuri", 1)).getString("you")).startsWith("127.0.0.1:");
    }

    @Test
    void unknownCommandIsCommandNotFound() {
        MongoCommandException e = org.junit.jupiter.api.Assertions.assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("frobnicate", 1)));
        assertThat(e.getErrorCode()).isEqualTo(59);
        assertThat(e.getErrorCodeName()).isEqualTo("CommandNotFound");
        assertThat(e.getErrorMessage()).isEqualTo("no such command: 'frobnicate'");
    }

    @Test
    void insertFindUpdateDeleteCount() {
        MongoCollection<Document> c = db.getCollection("crud");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("_id", i).append("n", i).append("tag", i % 2 == 0 ? "even" : "odd")
                    .append("sub", new Document("k", i * 10)));
        }
        c.insertMany(docs);
        c.insertOne(new Document("name", "generated-id"));
        assertThat(c.countDocuments()).isEqualTo(11);
        assertThat(c.find(Filters.eq("tag", "even")).sort(Sorts.descending("n")).into(new ArrayList<>()))
                .extracting(d -> d.getInteger("n")).containsExactly(8, 6, 4, 2, 0);
        assertThat(c.find(Filters.eq("sub.k", 30)).first().getInteger("_id")).isEqualTo(3);
        assertThat(c.find().sort(Sorts.ascending("_id")).skip(2).limit(3).projection(new Document("n", 1))
                .into(new ArrayList<>())).containsExactly(new Document("_id", 2).append("n", 2),
                new Document("_id", 3).append("n", 3), new Document("_id", 4).append("n", 4));
        assertThat(c.find().batchSize(3).into(new ArrayList<>())).hasSize(11);
        assertThat(c.find(Filters.eq("name", "generated-id")).first().get("_id")).isNotNull();

        UpdateResult one = c.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("x", "y"),
                Updates.inc("n", 100), Updates.unset("tag")));
        assertThat(one.getMatchedCount()).isEqualTo(1);
        assertThat(one.getModifiedCount()).isEqualTo(1);
        assertThat(c.find(Filters.eq("_id", 1)).first()).isEqualTo(new Document("_id", 1).append("n", 101)
                .append("sub", new Document("k", 10)).append("x", "y"));
        UpdateResult many = c.updateMany(Filters.eq("tag", "even"), Updates.set("seen", true));
        assertThat(many.getModifiedCount()).isEqualTo(5);
        UpdateResult upsert = c.replaceOne(Filters.eq("_id", 50), new Document("v", 1),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        assertThat(upsert.getUpsertedId().asInt32().getValue()).isEqualTo(50);
        assertThat(c.countDocuments(Filters.eq("seen", true))).isEqualTo(5);

        DeleteResult d1 = c.deleteOne(Filters.eq("tag", "odd"));
        assertThat(d1.getDeletedCount()).isEqualTo(1);
        DeleteResult dm = c.deleteMany(Filters.eq("tag", "even"));
        assertThat(dm.getDeletedCount()).isEqualTo(5);
        assertThat(c.countDocuments()).isEqualTo(6);
        Document count = db.runCommand(new Document("count", "crud").append("query", new Document("tag", "odd")));
        assertThat(count.get("n", Number.class).intValue()).isEqualTo(3);
    }

    @Test
    void duplicateKeyIs11000WithKeyPatternAndKeyValue() {
        MongoCollection<Document> c = db.getCollection("dups");
        c.insertOne(new Document("_id", 7).append("v", 1));
        MongoWriteException e = org.junit.jupiter.api.Assertions.assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("_id", 7).append("v", 2)));
        assertThat(e.getCode()).isEqualTo(11000);
        assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
        Document raw = db.runCommand(new Document("insert", "dups").append("documents",
                List.of(new Document("_id", 7))));
        Document writeError = raw.getList("writeErrors", Document.class).get(0);
        assertThat(writeError.getInteger("code")).isEqualTo(11000);
        assertThat(writeError.get("keyPattern", Document.class)).isEqualTo(new Document("_id", 1));
        assertThat(writeError.get("keyValue", Document.class)).isEqualTo(new Document("_id", 7));
        assertThat(c.find().into(new ArrayList<>())).containsExactly(new Document("_id", 7).append("v", 1));
    }

    @Test
    void fifteenMibDocumentRoundTrips() {
        MongoCollection<Document> c = db.getCollection("big");
        byte[] payload = new byte[15 * MIB];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 11));
        }
        c.insertOne(new Document("_id", "big").append("data", new Binary(payload)));
        Document back = c.find(Filters.eq("_id", "big")).first();
        assertThat(back).isNotNull();
        assertThat(Arrays.equals(back.get("data", Binary.class).getData(), payload)).isTrue();
    }

    @Test
    void seventeenMibDocumentIsRefused() {
        MongoCollection<Document> c = db.getCollection("toobig");
        Document huge = new Document("_id", "huge").append("data", new Binary(new byte[17 * MIB]));
        assertThatThrownBy(() -> c.insertOne(huge)).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("16777216");
        assertThat(c.countDocuments()).isZero();
    }

    @Test
    void rawCommandRepliesCarryOkAsDouble() {
        BsonDocument reply = client.getDatabase("admin").runCommand(new Document("ping", 1), BsonDocument.class);
        assertThat(reply.get("ok").isDouble()).isTrue();
    }
}
