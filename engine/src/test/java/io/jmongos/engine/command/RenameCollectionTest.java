package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class RenameCollectionTest extends EngineTestBase {
    private BsonDocument admin(String json) {
        return run("admin", BsonDocument.parse(json));
    }

    private void assertFails(BsonDocument reply, int code, String message) {
        assertThat(reply.getDouble("ok").getValue()).as(reply.toJson()).isZero();
        assertThat(reply.getInt32("code").getValue()).as(reply.toJson()).isEqualTo(code);
        assertThat(reply.getString("errmsg").getValue()).isEqualTo(message);
    }

    private List<String> ids(String db, String coll) {
        return engine.runCommand(db, new BsonDocument("find", new BsonString(coll))).getDocument("cursor")
                .getArray("firstBatch").stream().map(v -> v.asDocument().get("_id").asString().getValue()).toList();
    }

    private BsonDocument info(String db, String coll) {
        BsonDocument r = engine.runCommand(db, BsonDocument.parse("{listCollections: 1, filter: {name: '" + coll
                + "'}}"));
        List<BsonValue> batch = r.getDocument("cursor").getArray("firstBatch");
        return batch.isEmpty() ? null : batch.get(0).asDocument();
    }

    @Test
    void sameDatabaseKeepsDocumentsIndexesOptionsAndUuid() {
        ok("{create: 'a', capped: true, size: 4096}");
        ok("{insert: 'a', documents: [{_id: 'x', k: 1}, {_id: 'y', k: 2}]}");
        ok("{createIndexes: 'a', indexes: [{key: {k: 1}, name: 'k_1', unique: true}]}");
        BsonValue uuid = info("test", "a").getDocument("info").get("uuid");
        assertThat(admin("{renameCollection: 'test.a', to: 'test.b'}").getDouble("ok").getValue()).isEqualTo(1);
        assertThat(info("test", "a")).isNull();
        BsonDocument b = info("test", "b");
        assertThat(b.getDocument("options").getBoolean("capped").getValue()).isTrue();
        assertThat(b.getDocument("info").get("uuid")).isEqualTo(uuid);
        assertThat(ids("test", "b")).containsExactly("x", "y");
        List<String> indexes = run("{listIndexes: 'b'}").getDocument("cursor").getArray("firstBatch").stream()
                .map(v -> v.asDocument().getString("name").getValue()).toList();
        assertThat(indexes).containsExactly("_id_", "k_1");
        assertThat(run("{insert: 'b', documents: [{_id: 'z', k: 1}]}").getArray("writeErrors").get(0).asDocument()
                .getInt32("code").getValue()).isEqualTo(11000);
        assertThat(run("{count: 'a'}").getInt32("n").getValue()).isZero();
    }

    @Test
    void acrossDatabasesAndDropTarget() {
        ok("{insert: 'a', documents: [{_id: 'x'}]}");
        engine.runCommand("other", BsonDocument.parse("{insert: 't', documents: [{_id: 'old'}]}"));
        assertFails(admin("{renameCollection: 'test.a', to: 'other.t'}"), 48, "target namespace exists");
        assertThat(admin("{renameCollection: 'test.a', to: 'other.t', dropTarget: true}").getDouble("ok")
                .getValue()).isEqualTo(1);
        assertThat(ids("other", "t")).containsExactly("x");
        assertThat(info("test", "a")).isNull();
    }

    @Test
    void refusalsCarryMongoDbCodesAndMessages() {
        ok("{insert: 'a', documents: [{_id: 'x'}]}");
        ok("{create: 'v', viewOn: 'a', pipeline: []}");
        assertFails(run("{renameCollection: 'test.a', to: 'test.b'}"), 13,
                "renameCollection may only be run against the admin database.");
        assertFails(admin("{renameCollection: 'test.a', to: 'test.a'}"), 20, "Can't rename a collection to itself");
        assertFails(admin("{renameCollection: 'test.missing', to: 'test.b'}"), 26,
                "Source collection test.missing does not exist");
        assertFails(admin("{renameCollection: 'nodb.missing', to: 'nodb.b'}"), 26,
                "Database nodb does not exist or is drop pending");
        assertFails(admin("{renameCollection: 'test.v', to: 'test.b'}"), 166, "cannot rename view: test.v");
        assertFails(admin("{renameCollection: 'test.a', to: 'test.v'}"), 48,
                "a view already exists with that name: test.v");
        assertFails(admin("{renameCollection: 'test', to: 'test.b'}"), 73, "Invalid source namespace: test");
        assertFails(admin("{renameCollection: 'test.a', to: 'test.'}"), 73, "Invalid target namespace: test.");
        assertFails(admin("{renameCollection: 'test.a', to: 'test.system.foo'}"), 20,
                "error with target namespace: Invalid system namespace: test.system.foo");
        assertFails(admin("{renameCollection: 'test.system.views', to: 'test.b'}"), 20,
                "error with source namespace: cannot write to test.system.views");
        BsonDocument inTxn = run("admin", BsonDocument.parse("{renameCollection: 'test.a', to: 'test.b', "
                + "lsid: {id: {$binary: {base64: 'AAAAAAAAAAAAAAAAAAAAAA==', subType: '04'}}}, txnNumber: 1, "
                + "startTransaction: true, autocommit: false}"));
        assertThat(inTxn.getInt32("code").getValue()).as(inTxn.toJson()).isEqualTo(263);
        assertThat(ids("test", "a")).containsExactly("x");
    }

    @Test
    void cursorsOnTheSourceAreKilledWithCollectionRenamed() {
        ok("{insert: 'a', documents: [{_id: 'x'}, {_id: 'y'}, {_id: 'z'}]}");
        long id = ok("{find: 'a', batchSize: 1}").getDocument("cursor").getInt64("id").getValue();
        admin("{renameCollection: 'test.a', to: 'test.b'}");
        BsonDocument r = run("test", new BsonDocument("getMore", new BsonInt64(id))
                .append("collection", new BsonString("a")));
        assertThat(r.getInt32("code").getValue()).as(r.toJson()).isEqualTo(175);
        assertThat(r.getString("errmsg").getValue()).startsWith(
                "Executor error during getMore :: caused by :: collection renamed from 'test.a' to 'test.b'. UUID ");
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void writesToSystemNamespacesAreRefused() {
        for (String ns : new String[] {"system.views", "system.profile"}) {
            BsonDocument r = run("{insert: '" + ns + "', documents: [{_id: 1}]}");
            assertFails(r, 73, "cannot write to test." + ns);
        }
        assertFails(run("{insert: 'system.foo', documents: [{_id: 1}]}"), 73, "Invalid system namespace: test.system.foo");
        assertFails(run("admin", BsonDocument.parse("{insert: 'system.foo', documents: [{_id: 1}]}")), 73,
                "Invalid system namespace: admin.system.foo");
        // the system collections MongoDB lets clients write (isLegalClientSystemNS)
        assertThat(run("admin", BsonDocument.parse("{insert: 'system.users', documents: [{_id: 'admin.u'}]}"))
                .getInt32("n").getValue()).isEqualTo(1);
        assertThat(run("admin", BsonDocument.parse("{update: 'system.version', updates: [{q: {_id: 'x'}, "
                + "u: {$set: {a: 1}}, upsert: true}]}")).getInt32("n").getValue()).isEqualTo(1);
        assertFails(run("{findAndModify: 'system.x', query: {}, update: {$set: {a: 1}}}"), 73,
                "Invalid system namespace: test.system.x");
        assertFails(run("{create: 'system.x'}"), 73, "Invalid system namespace: test.system.x");
        ok("{insert: 'system.js', documents: [{_id: 'f', value: 1}]}");
    }

    @Test
    void recreatingWithOtherOptionsIsNamespaceExists() {
        ok("{create: 'c'}");
        ok("{create: 'c'}");
        BsonDocument r = fails("{create: 'c', capped: true, size: 1024}", 48);
        assertThat(r.getString("codeName").getValue()).isEqualTo("NamespaceExists");
    }
}
