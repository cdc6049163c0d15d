package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class CrudCommandsTest extends EngineTestBase {
    @Test
    void insertGeneratesIdFirstAndFindReturnsDocuments() {
        BsonDocument r = ok("{insert: 'c', documents: [{a: 1}, {b: 2, _id: 'x'}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(2);
        List<BsonDocument> docs = findAll("{find: 'c'}");
        assertThat(docs).hasSize(2);
        for (BsonDocument d : docs) {
            assertThat(d.getFirstKey()).isEqualTo("_id");
        }
        assertThat(docs.stream().filter(d -> d.containsKey("a")).findFirst().orElseThrow().get("_id").isObjectId())
                .isTrue();
        assertThat(findAll("{find: 'c', filter: {_id: 'x'}}")).containsExactly(BsonDocument.parse(
                "{_id: 'x', b: 2}"));
    }

    @Test
    void duplicateKeyOrderedStopsAtFirstError() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument r = run("{insert: 'c', documents: [{_id: 2}, {_id: 1}, {_id: 3}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(1);
        BsonDocument err = r.getArray("writeErrors").get(0).asDocument();
        assertThat(err.getInt32("index").getValue()).isEqualTo(1);
        assertThat(err.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(err.getString("errmsg").getValue())
                .isEqualTo("E11000 duplicate key error collection: test.c index: _id_ dup key: { _id: 1 }");
        assertThat(err.getDocument("keyPattern")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        assertThat(err.getDocument("keyValue")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        assertThat(ids(findAll("{find: 'c', sort: {_id: 1}}"))).containsExactly(new BsonInt32(1), new BsonInt32(2));
    }

    @Test
    void duplicateKeyUnorderedContinues() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument r = run("{insert: 'c', ordered: false, documents: [{_id: 1}, {_id: 2}, {_id: 2}, {_id: 3}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(2);
        BsonArray errors = r.getArray("writeErrors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).asDocument().getInt32("index").getValue()).isZero();
        assertThat(errors.get(1).asDocument().getInt32("index").getValue()).isEqualTo(2);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(3);
    }

    @Test
    void numericIdsOfDifferentTypesAreTheSameKey() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument r = run("{insert: 'c', documents: [{_id: {$numberLong: '1'}}, {_id: 1.0}]}");
        assertThat(r.getArray("writeErrors")).hasSize(1);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(1);
    }

    @Test
    void oversizedDocumentRefusedAndNothingStored() {
        String big = "x".repeat(16 * 1024 * 1024);
        BsonDocument cmd = new BsonDocument("insert", new BsonString("c")).append("documents", new BsonArray(List.of(
                new BsonDocument("_id", new BsonInt32(1)).append("s", new BsonString(big)))));
        BsonDocument r = run("test", cmd);
        BsonDocument err = r.getArray("writeErrors").get(0).asDocument();
        assertThat(err.getInt32("code").getValue()).isEqualTo(2);
        assertThat(err.getString("errmsg").getValue()).startsWith("object to insert too large. size in bytes: ")
                .endsWith(", max size: 16777216");
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isZero();
        String almost = "x".repeat(16 * 1024 * 1024 - 100);
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", new BsonArray(List.of(
                new BsonDocument("_id", new BsonInt32(2)).append("s", new BsonString(almost))))));
        assertThat(findAll("{find: 'c'}").get(0).getString("s").getValue()).hasSize(almost.length());
    }

    @Test
    void dollarFieldsStoredAsMongoDb5ButNotInsideIdAndBadIdsRefused() {
        ok("{insert: 'c', documents: [{_id: 1, $a: 1, b: {$c: 2}, 'd.e': 3}]}");
        assertThat(findAll("{find: 'c'}")).containsExactly(BsonDocument.parse("{_id: 1, $a: 1, b: {$c: 2}, 'd.e': 3}"));
        BsonDocument r = run("{insert: 'c', ordered: false, documents: [{_id: {$x: 1}}, {_id: [1]}, {_id: /x/},"
                + " {_id: {a: {$b: 1}}}, {ok: 1}]}");
        BsonArray errors = r.getArray("writeErrors");
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).asDocument().getInt32("code").getValue()).isEqualTo(52);
        assertThat(errors.get(1).asDocument().getString("errmsg").getValue()).isEqualTo("can't use an array for _id");
        assertThat(errors.get(2).asDocument().getString("errmsg").getValue()).isEqualTo("can't use a regex for _id");
        assertThat(errors.get(3).asDocument().getInt32("code").getValue()).isEqualTo(52);
        assertThat(r.getInt32("n").getValue()).isEqualTo(1);
    }

    @Test
    void commandLetVariablesReachFiltersUpdatesAndProjections() {
        ok("{insert: 'c', documents: [{_id: 1, x: 'a'}, {_id: 2, x: 'b'}]}");
        assertThat(findAll("{find: 'c', filter: {$expr: {$eq: ['$_id', '$$id']}}, projection: {y: '$$v'},"
                + " let: {id: 2, v: 'seen'}}")).containsExactly(BsonDocument.parse("{_id: 2, y: 'seen'}"));
        ok("{update: 'c', updates: [{q: {$expr: {$eq: ['$_id', '$$id']}}, u: [{$set: {x: '$$x'}}]}],"
                + " let: {id: 1, x: 'foo'}}");
        assertThat(ok("{delete: 'c', deletes: [{q: {$expr: {$eq: ['$x', '$$x']}}, limit: 0}], let: {x: 'foo'}}")
                .getInt32("n").getValue()).isEqualTo(1);
        BsonDocument fam = ok("{findAndModify: 'c', query: {$expr: {$eq: ['$_id', '$$id']}}, remove: true,"
                + " let: {id: 2}}");
        assertThat(fam.getDocument("value").getInt32("_id").getValue()).isEqualTo(2);
        ok("{insert: 'c', documents: [{_id: 7}]}");
        fails("{update: 'c', updates: [{q: {}, u: {$set: {a: 1}}}, {q: {}, u: {$set: {a: 1}}, sort: {_id: 1}}]}",
                40415);
        assertThat(findAll("{find: 'c'}")).containsExactly(BsonDocument.parse("{_id: 7}"));
    }

    @Test
    void findWithSortSkipLimitAndEqualityFilter() {
        ok("{insert: 'c', documents: [{_id: 1, k: 'a', v: 3}, {_id: 2, k: 'b', v: 1}, {_id: 3, k: 'a', v: 2},"
                + " {_id: 4, k: 'a', v: 1}]}");
        assertThat(ids(findAll("{find: 'c', filter: {k: 'a'}, sort: {v: 1}}")))
                .containsExactly(new BsonInt32(4), new BsonInt32(3), new BsonInt32(1));
        assertThat(ids(findAll("{find: 'c', sort: {v: -1, _id: 1}, skip: 1, limit: 2}")))
                .containsExactly(new BsonInt32(3), new BsonInt32(2));
        assertThat(ids(findAll("{find: 'c', sort: {_id: -1}, limit: 1}"))).containsExactly(new BsonInt32(4));
    }

    @Test
    void unsupportedFindOptionsRefusedClearly() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        fails("{find: 'c', min: {_id: 0}}", 238);
        fails("{find: 'c', collation: {locale: 'fr'}}", 238);
        ok("{find: 'c', collation: {locale: 'simple'}, comment: 'hi', let: {x: 1}, maxTimeMS: 1000}");
        fails("{find: 'c', hint: 'nope_1'}", 2);
        fails("{find: 'c', limit: 'x'}", 14);
        fails("{find: 'c', skip: -1}", 51024);
    }

    @Test
    void countAndDistinct() {
        ok("{insert: 'c', documents: [{_id: 1, t: [1, 2]}, {_id: 2, t: 2}, {_id: 3, t: 'x'}, {_id: 4}, "
                + "{_id: 5, t: {$numberLong: '1'}}]}");
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(5);
        assertThat(ok("{count: 'c', query: {t: 2}}").getInt32("n").getValue()).isEqualTo(2);
        assertThat(ok("{count: 'c', skip: 1, limit: 3}").getInt32("n").getValue()).isEqualTo(3);
        assertThat(ok("{count: 'nope'}").getInt32("n").getValue()).isZero();
        BsonArray values = ok("{distinct: 'c', key: 't'}").getArray("values");
        assertThat(values).hasSize(3);
        assertThat(values.get(2)).isEqualTo(new BsonString("x"));
    }

    @Test
    void deleteLimitOneAndAll() {
        ok("{insert: 'c', documents: [{_id: 1, k: 1}, {_id: 2, k: 1}, {_id: 3, k: 2}]}");
        assertThat(ok("{delete: 'c', deletes: [{q: {k: 1}, limit: 1}]}").getInt32("n").getValue()).isEqualTo(1);
        assertThat(ok("{delete: 'c', deletes: [{q: {}, limit: 0}]}").getInt32("n").getValue()).isEqualTo(2);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isZero();
        fails("{delete: 'c', deletes: [{q: {}, limit: 5}]}", 9);
    }

    @Test
    void catalogCommands() {
        ok("{create: 'a'}");
        ok("{create: 'a'}");
        fails("{create: 'a', validator: {x: 1}}", 48);
        ok("{insert: 'b', documents: [{}]}");
        BsonDocument lc = ok("{listCollections: 1, nameOnly: true}");
        assertThat(lc.getDocument("cursor").getArray("firstBatch")).hasSize(2);
        lc = ok("{listCollections: 1, filter: {name: 'b'}}");
        BsonDocument entry = lc.getDocument("cursor").getArray("firstBatch").get(0).asDocument();
        assertThat(entry.getString("type").getValue()).isEqualTo("collection");
        assertThat(entry.getDocument("info").getBinary("uuid").getType()).isEqualTo((byte) 4);
        BsonDocument dbs = engine.runCommand("admin", BsonDocument.parse("{listDatabases: 1, nameOnly: true}"));
        assertThat(dbs.getArray("databases")).containsExactly(BsonDocument.parse("{name: 'test'}"));
        ok("{drop: 'a'}");
        ok("{drop: 'a'}");
        assertThat(ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch")).hasSize(1);
        ok("{dropDatabase: 1}");
        assertThat(ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch")).isEmpty();
        fails("{create: 'x', timeseries: {timeField: 't'}}", 238);
        fails("{nosuch: 1}", 59);
    }

    @Test
    void writeCommandsNameAMissingStatementArrayAndAWrongType() {
        for (String[] c : new String[][] {{"insert", "documents"}, {"update", "updates"}, {"delete", "deletes"}}) {
            BsonDocument missing = run("test", BsonDocument.parse("{" + c[0] + ": 'c'}"));
            assertThat(missing.getInt32("code").getValue()).isEqualTo(40414);
            assertThat(missing.getString("errmsg").getValue())
                    .isEqualTo("BSON field '" + c[0] + "." + c[1] + "' is missing but a required field");
            BsonDocument wrong = run("test", BsonDocument.parse("{" + c[0] + ": 'c', " + c[1] + ": 5}"));
            assertThat(wrong.getString("codeName").getValue()).isEqualTo("TypeMismatch");
            assertThat(wrong.getString("errmsg").getValue())
                    .isEqualTo("BSON field '" + c[0] + "." + c[1] + "' is the wrong type 'int', expected types '[array]'");
        }
    }
}
