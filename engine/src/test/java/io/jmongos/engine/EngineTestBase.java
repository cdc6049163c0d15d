package io.jmongos.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An in-memory engine per test, with helpers to run commands written as JSON. */
public abstract class EngineTestBase {
    protected EmbeddedEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EmbeddedEngine.open(options());
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            EngineStats stats = engine.stats();
            engine.close();
            assertThat(stats.openTransactions()).as("transactions left open").isZero();
        }
    }

    protected EngineOptions options() {
        return EngineOptions.inMemory();
    }

    /** Runs a command given as extended JSON in database "test". */
    protected BsonDocument run(String json) {
        return run("test", BsonDocument.parse(json));
    }

    protected BsonDocument run(String db, BsonDocument cmd) {
        return engine.runCommand(db, cmd);
    }

    protected BsonDocument ok(String json) {
        return ok(BsonDocument.parse(json));
    }

    protected BsonDocument ok(BsonDocument cmd) {
        BsonDocument r = run("test", cmd);
        assertThat(r.get("ok").asNumber().doubleValue()).as("reply %s", r.toJson()).isEqualTo(1.0);
        assertThat(r.containsKey("writeErrors")).as("reply %s", r.toJson()).isFalse();
        return r;
    }

    /** Asserts the command failed with {@code code}; returns the reply. */
    protected BsonDocument fails(String json, int code) {
        return fails(BsonDocument.parse(json), code);
    }

    protected BsonDocument fails(BsonDocument cmd, int code) {
        BsonDocument r = run("test", cmd);
        assertThat(r.get("ok").asNumber().doubleValue()).as("reply %s", r.toJson()).isEqualTo(0.0);
        assertThat(r.getInt32("code").getValue()).as("reply %s", r.toJson()).isEqualTo(code);
        return r;
    }

    /** All documents of a find, following getMore until the cursor is exhausted. */
    protected List<BsonDocument> findAll(String json) {
        BsonDocument cmd = BsonDocument.parse(json);
        BsonDocument r = ok(cmd);
        List<BsonDocument> out = new ArrayList<>();
        BsonDocument cursor = r.getDocument("cursor");
        cursor.getArray("firstBatch").forEach(v -> out.add(v.asDocument()));
        long id = cursor.getInt64("id").getValue();
        String coll = cursor.getString("ns").getValue().substring("test.".length());
        while (id != 0) {
            BsonDocument more = ok(new BsonDocument("getMore", new org.bson.BsonInt64(id))
                    .append("collection", new org.bson.BsonString(coll)));
            more.getDocument("cursor").getArray("nextBatch").forEach(v -> out.add(v.asDocument()));
            id = more.getDocument("cursor").getInt64("id").getValue();
        }
        return out;
    }

    protected static List<BsonValue> ids(List<BsonDocument> docs) {
        List<BsonValue> out = new ArrayList<>();
        docs.forEach(d -> out.add(d.get("_id")));
        return out;
    }
}
