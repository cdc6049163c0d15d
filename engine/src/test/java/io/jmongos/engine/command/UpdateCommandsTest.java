package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

class UpdateCommandsTest extends EngineTestBase {
    @Test
    void updateOperatorsMultiAndUpsert() {
        ok("{insert: 'c', documents: [{_id: 1, k: 'a', n: 1}, {_id: 2, k: 'a', n: 5}, {_id: 3, k: 'b', n: 1}]}");
        BsonDocument r = ok("{update: 'c', updates: [{q: {k: 'a'}, u: {$inc: {n: 1}}, multi: true},"
                + " {q: {_id: 3}, u: {$set: {n: 1}}}, {q: {_id: 9}, u: {$set: {k: 'z'}}, upsert: true},"
                + " {q: {_id: 4}, u: {$set: {k: 'y'}}}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(4);
        assertThat(r.getInt32("nModified").getValue()).isEqualTo(2);
        assertThat(r.getArray("upserted").get(0).asDocument())
                .isEqualTo(BsonDocument.parse("{index: 2, _id: 9}"));
        assertThat(findAll("{find: 'c', sort: {_id: 1}}")).containsExactly(
                BsonDocument.parse("{_id: 1, k: 'a', n: 2}"), BsonDocument.parse("{_id: 2, k: 'a', n: 6}"),
                BsonDocument.parse("{_id: 3, k: 'b', n: 1}"), BsonDocument.parse("{_id: 9, k: 'z'}"));
    }

    @Test
    void replacementKeepsIdAndRefusesChangingIt() {
        ok("{insert: 'c', documents: [{_id: 1, a: 1}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {b: 2}}]}");
        assertThat(findAll("{find: 'c'}")).containsExactly(BsonDocument.parse("{_id: 1, b: 2}"));
        BsonDocument r = run("{update: 'c', updates: [{q: {_id: 1}, u: {_id: 2, b: 3}}]}");
        assertThat(r.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(66);
        assertThat(findAll("{find: 'c'}")).containsExactly(BsonDocument.parse("{_id: 1, b: 2}"));
    }

    @Test
    void updateMaintainsIndexesAndUniqueness() {
        ok("{createIndexes: 'c', indexes: [{key: {u: 1}, name: 'u_1', unique: true}]}");
        ok("{insert: 'c', documents: [{_id: 1, u: 1}, {_id: 2, u: 2}]}");
        BsonDocument r = run("{update: 'c', updates: [{q: {_id: 2}, u: {$set: {u: 1}}}]}");
        assertThat(r.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(11000);
        ok("{update: 'c', updates: [{q: {_id: 2}, u: {$set: {u: 3}}}]}");
        assertThat(ids(findAll("{find: 'c', filter: {u: 3}, hint: 'u_1'}"))).containsExactly(new BsonInt32(2));
        assertThat(findAll("{find: 'c', filter: {u: 2}, hint: 'u_1'}")).isEmpty();
        ok("{insert: 'c', documents: [{_id: 3, u: 2}]}");
    }

    @Test
    void multiUpdateMovingKeysForwardVisitsEachDocumentOnce() {
        ok("{createIndexes: 'c', indexes: [{key: {n: 1}, name: 'n_1'}]}");
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            docs.append(i == 0 ? "" : ",").append("{_id: ").append(i).append(", n: ").append(i).append('}');
        }
        ok("{insert: 'c', documents: [" + docs + "]}");
        BsonDocument r = ok("{update: 'c', updates: [{q: {n: {$gte: 0}}, u: {$inc: {n: 1000}}, multi: true}]}");
        assertThat(r.getInt32("nModified").getValue()).isEqualTo(600);
        assertThat(ok("{count: 'c', query: {n: {$gte: 1000, $lt: 1600}}}").getInt32("n").getValue()).isEqualTo(600);
    }

    @Test
    void findAndModifyUpdateRemoveUpsertAndProjection() {
        ok("{insert: 'c', documents: [{_id: 1, q: 5, tag: 'x'}, {_id: 2, q: 7, tag: 'x'}]}");
        BsonDocument r = ok("{findAndModify: 'c', query: {tag: 'x'}, sort: {q: -1}, update: {$inc: {q: 1}},"
                + " new: true, fields: {q: 1}}");
        assertThat(r.getDocument("value")).isEqualTo(BsonDocument.parse("{_id: 2, q: 8}"));
        assertThat(r.getDocument("lastErrorObject")).isEqualTo(BsonDocument.parse("{n: 1, updatedExisting: true}"));
        r = ok("{findAndModify: 'c', query: {_id: 1}, update: {$set: {tag: 'y'}}}");
        assertThat(r.getDocument("value")).isEqualTo(BsonDocument.parse("{_id: 1, q: 5, tag: 'x'}"));
        r = ok("{findandmodify: 'c', query: {_id: 3}, update: {$set: {tag: 'z'}}, upsert: true, new: true}");
        assertThat(r.getDocument("value")).isEqualTo(BsonDocument.parse("{_id: 3, tag: 'z'}"));
        assertThat(r.getDocument("lastErrorObject").getInt32("upserted").getValue()).isEqualTo(3);
        r = ok("{findAndModify: 'c', query: {_id: 42}, remove: true}");
        assertThat(r.get("value").isNull()).isTrue();
        r = ok("{findAndModify: 'c', query: {tag: 'y'}, remove: true}");
        assertThat(r.getDocument("value").getInt32("_id").getValue()).isEqualTo(1);
        fails("{findAndModify: 'c', query: {}, remove: true, update: {$set: {a: 1}}}", 9);
        fails("{findAndModify: 'c', query: {}}", 9);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(2);
    }

    @Test
    void aggregateUsesTheEngineAndStreamsThroughCursors() {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            docs.append(i == 0 ? "" : ",").append("{_id: ").append(i).append(", g: ").append(i % 3).append('}');
        }
        ok("{insert: 'c', documents: [" + docs + "]}");
        ok("{createIndexes: 'c', indexes: [{key: {g: 1}, name: 'g_1'}]}");
        BsonDocument r = ok("{aggregate: 'c', pipeline: [{$match: {g: {$gte: 1}}}, {$group: {_id: '$g', n: {$sum: 1}}},"
                + " {$sort: {_id: 1}}], cursor: {}}");
        assertThat(r.getDocument("cursor").getArray("firstBatch")).containsExactly(
                BsonDocument.parse("{_id: 1, n: 100}"), BsonDocument.parse("{_id: 2, n: 100}"));
        assertThat(findAllAggregate("{aggregate: 'c', pipeline: [{$match: {g: 0}}], cursor: {batchSize: 7}}"))
                .isEqualTo(100);
        ok("{aggregate: 'c', pipeline: [{$match: {g: 2}}, {$out: 'twos'}], cursor: {}}");
        assertThat(ok("{count: 'twos'}").getInt32("n").getValue()).isEqualTo(100);
        ok("{aggregate: 'c', pipeline: [{$match: {g: 1}}, {$merge: {into: 'twos'}}], cursor: {}}");
        assertThat(ok("{count: 'twos'}").getInt32("n").getValue()).isEqualTo(200);
        BsonDocument lookup = ok("{aggregate: 'c', pipeline: [{$match: {_id: 4}}, {$lookup: {from: 'twos', "
                + "localField: '_id', foreignField: '_id', as: 'j'}}], cursor: {}}");
        assertThat(lookup.getDocument("cursor").getArray("firstBatch").get(0).asDocument().getArray("j")).hasSize(1);
        fails("{aggregate: 'c', pipeline: []}", 9);
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void updateOneByIdReadsTheDocumentByKeyWithTheFilterSemantics() {
        ok("{insert: 'c', documents: [{_id: 1.0, n: 1, a: [1, 2, 3]}, {_id: 'x', n: 7}]}");
        BsonDocument r = ok("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}}, "
                + "{q: {_id: {$numberLong: '1'}}, u: {$inc: {n: 1}}}, {q: {_id: 'x'}, u: {$set: {n: 7}}}, "
                + "{q: {_id: 2}, u: {$set: {n: 0}}}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(3);
        assertThat(r.getInt32("nModified").getValue()).isEqualTo(2);
        assertThat(findAll("{find: 'c', filter: {_id: 1}}"))
                .containsExactly(BsonDocument.parse("{_id: 1.0, n: 3, a: [1, 2, 3]}"));
        BsonDocument up = ok("{update: 'c', updates: [{q: {_id: 5}, u: {$set: {n: 5}}, upsert: true}]}");
        assertThat(up.getArray("upserted").get(0).asDocument().get("_id")).isEqualTo(new BsonInt32(5));
        assertThat(findAll("{find: 'c', filter: {_id: 5}}")).containsExactly(BsonDocument.parse("{_id: 5, n: 5}"));
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {'a.$[e]': 0}}, arrayFilters: [{e: {$gte: 2}}]}]}");
        assertThat(findAll("{find: 'c', filter: {_id: 1}}"))
                .containsExactly(BsonDocument.parse("{_id: 1.0, n: 3, a: [1, 0, 0]}"));
        BsonDocument immutable = run("{update: 'c', updates: [{q: {_id: 'x'}, u: {$set: {_id: 'y'}}}]}");
        assertThat(immutable.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(66);
    }

    private int findAllAggregate(String json) {
        BsonDocument r = ok(json);
        int n = r.getDocument("cursor").getArray("firstBatch").size();
        long id = r.getDocument("cursor").getInt64("id").getValue();
        while (id != 0) {
            BsonDocument more = ok(new BsonDocument("getMore", new org.bson.BsonInt64(id))
                    .append("collection", new org.bson.BsonString("c")));
            n += more.getDocument("cursor").getArray("nextBatch").size();
            id = more.getDocument("cursor").getInt64("id").getValue();
        }
        return n;
    }
}
