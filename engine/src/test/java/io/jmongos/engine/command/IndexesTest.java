package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class IndexesTest extends EngineTestBase {
    private BsonDocument winningPlan(String findJson) {
        return ok("{explain: " + findJson + ", verbosity: 'queryPlanner'}").getDocument("queryPlanner")
                .getDocument("winningPlan");
    }

    @Test
    void createListAndDropIndexes() {
        BsonDocument r = ok("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}, {key: {b: -1, c: 1},"
                + " name: 'b_-1_c_1'}]}");
        assertThat(r.getBoolean("createdCollectionAutomatically").getValue()).isTrue();
        assertThat(r.getInt32("numIndexesAfter").getValue()).isEqualTo(3);
        assertThat(ok("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}").getString("note").getValue())
                .isEqualTo("all indexes already exist");
        fails("{createIndexes: 'c', indexes: [{key: {a: -1}, name: 'a_1'}]}", 86);
        fails("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'other'}]}", 85);
        fails("{createIndexes: 'c', indexes: [{key: {t: 'text'}, name: 't'}]}", 67);
        fails("{createIndexes: 'c', indexes: [{key: {t: 1}, name: 't', bogus: 1}]}", 197);
        BsonDocument listed = ok("{listIndexes: 'c', cursor: {batchSize: 1}}").getDocument("cursor");
        assertThat(listed.getString("ns").getValue()).isEqualTo("test.c");
        assertThat(listed.getArray("firstBatch")).hasSize(1);
        assertThat(ok(new BsonDocument("getMore", listed.get("id")).append("collection", new BsonString("c")))
                .getDocument("cursor").getArray("nextBatch")).hasSize(2);
        BsonArray list = ok("{listIndexes: 'c'}").getDocument("cursor").getArray("firstBatch");
        assertThat(list).hasSize(3);
        assertThat(list.get(0).asDocument().getString("name").getValue()).isEqualTo("_id_");
        assertThat(list.get(2).asDocument()).isEqualTo(BsonDocument.parse(
                "{v: 2, key: {b: -1, c: 1}, name: 'b_-1_c_1'}"));
        fails("{dropIndexes: 'c', index: '_id_'}", 72);
        fails("{dropIndexes: 'c', index: 'nope'}", 27);
        fails("{dropIndexes: 'nope', index: 'a_1'}", 26);
        fails("{listIndexes: 'nope'}", 26);
        ok("{dropIndexes: 'c', index: {a: 1}}");
        assertThat(ok("{dropIndexes: 'c', index: '*'}").getInt32("nIndexesWas").getValue()).isEqualTo(2);
        assertThat(ok("{listIndexes: 'c'}").getDocument("cursor").getArray("firstBatch")).hasSize(1);
    }

    @Test
    void uniqueIndexRefusesDuplicatesOrderedAndUnordered() {
        ok("{createIndexes: 'c', indexes: [{key: {email: 1}, name: 'email_1', unique: true}]}");
        ok("{insert: 'c', documents: [{_id: 1, email: 'a@x'}]}");
        BsonDocument r = run("{insert: 'c', documents: [{_id: 2, email: 'b@x'}, {_id: 3, email: 'a@x'}, "
                + "{_id: 4, email: 'c@x'}]}");
        BsonDocument err = r.getArray("writeErrors").get(0).asDocument();
        assertThat(r.getInt32("n").getValue()).isEqualTo(1);
        assertThat(err.getInt32("index").getValue()).isEqualTo(1);
        assertThat(err.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(err.getString("errmsg").getValue()).isEqualTo(
                "E11000 duplicate key error collection: test.c index: email_1 dup key: { email: \"a@x\" }");
        assertThat(err.getDocument("keyPattern")).isEqualTo(BsonDocument.parse("{email: 1}"));
        assertThat(err.getDocument("keyValue")).isEqualTo(BsonDocument.parse("{email: 'a@x'}"));
        r = run("{insert: 'c', ordered: false, documents: [{_id: 5, email: 'a@x'}, {_id: 6, email: 'd@x'}, "
                + "{_id: 7, email: 'd@x'}]}");
        assertThat(r.getInt32("n").getValue()).isEqualTo(1);
        assertThat(r.getArray("writeErrors")).hasSize(2);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(3);
        // the failed documents left no index entries behind
        assertThat(findAll("{find: 'c', filter: {email: 'a@x'}, hint: 'email_1'}")).hasSize(1);
        assertThat(findAll("{find: 'c', filter: {_id: 5}}")).isEmpty();
    }

    @Test
    void uniqueIndexBuildFailsOnExistingDuplicatesAndLeavesNothing() {
        ok("{insert: 'c', documents: [{_id: 1, a: 1}, {_id: 2, a: 2}, {_id: 3, a: 1}]}");
        BsonDocument r = fails("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1', unique: true}]}", 11000);
        assertThat(r.getString("errmsg").getValue()).contains("index: a_1 dup key: { a: 1 }");
        assertThat(ok("{listIndexes: 'c'}").getDocument("cursor").getArray("firstBatch")).hasSize(1);
        ok("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}");
        assertThat(findAll("{find: 'c', filter: {a: 1}, hint: 'a_1'}")).hasSize(2);
    }

    @Test
    void missingFieldsAreNullInUniqueIndexesUnlessSparseOrPartial() {
        ok("{createIndexes: 'c', indexes: [{key: {x: 1}, name: 'x_1', unique: true}]}");
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument err = run("{insert: 'c', documents: [{_id: 2}]}").getArray("writeErrors").get(0).asDocument();
        assertThat(err.getDocument("keyValue")).isEqualTo(BsonDocument.parse("{x: null}"));
        ok("{createIndexes: 'd', indexes: [{key: {x: 1}, name: 'x_1', unique: true, sparse: true}]}");
        ok("{insert: 'd', documents: [{_id: 1}, {_id: 2}, {_id: 3, x: 1}]}");
        assertThat(run("{insert: 'd', documents: [{_id: 4, x: 1}]}").getArray("writeErrors")).hasSize(1);
        ok("{createIndexes: 'e', indexes: [{key: {x: 1}, name: 'x_1', unique: true, "
                + "partialFilterExpression: {x: {$gt: 10}}}]}");
        ok("{insert: 'e', documents: [{_id: 1, x: 5}, {_id: 2, x: 5}, {_id: 3, x: 11}]}");
        assertThat(run("{insert: 'e', documents: [{_id: 4, x: 11}]}").getArray("writeErrors")).hasSize(1);
        fails("{createIndexes: 'f', indexes: [{key: {x: 1}, name: 'x_1', sparse: true, "
                + "partialFilterExpression: {x: 1}}]}", 67);
    }

    @Test
    void multikeyIndexesAndParallelArrays() {
        ok("{createIndexes: 'c', indexes: [{key: {tags: 1}, name: 'tags_1'}, {key: {a: 1, b: 1}, name: 'a_1_b_1'}]}");
        ok("{insert: 'c', documents: [{_id: 1, tags: ['x', 'y'], a: [1, 2], b: 1}, {_id: 2, tags: 'y'}]}");
        assertThat(ids(findAll("{find: 'c', filter: {tags: 'y'}, sort: {_id: 1}}")))
                .containsExactly(new BsonInt32(1), new BsonInt32(2));
        assertThat(ids(findAll("{find: 'c', filter: {tags: {$in: ['x', 'y']}}}"))).hasSize(2);
        BsonDocument plan = winningPlan("{find: 'c', filter: {tags: 'x'}}");
        assertThat(plan.getString("indexName").getValue()).isEqualTo("tags_1");
        assertThat(plan.getBoolean("isMultiKey").getValue()).isTrue();
        BsonDocument r = run("{insert: 'c', documents: [{_id: 3, a: [1, 2], b: [3, 4]}]}");
        assertThat(r.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(171);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(2);
        fails("{createIndexes: 'c', indexes: [{key: {a: 1, tags: 1}, name: 'a_tags'}]}", 171);
    }

    @Test
    void explainShowsIxscanOrCollscan() {
        ok("{createIndexes: 'c', indexes: [{key: {a: 1, b: -1}, name: 'a_1_b_-1'}]}");
        ok("{insert: 'c', documents: [{_id: 1, a: 1, b: 1}, {_id: 2, a: 2, b: 2}]}");
        BsonDocument ix = winningPlan("{find: 'c', filter: {a: 1}}");
        assertThat(ix.getString("stage").getValue()).isEqualTo("IXSCAN");
        assertThat(ix.getString("indexName").getValue()).isEqualTo("a_1_b_-1");
        assertThat(ix.getDocument("keyPattern")).isEqualTo(BsonDocument.parse("{a: 1, b: -1}"));
        assertThat(winningPlan("{find: 'c', filter: {a: {$gt: 0, $lt: 5}}}").getString("stage").getValue())
                .isEqualTo("IXSCAN");
        assertThat(winningPlan("{find: 'c', filter: {b: 1}}").getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(winningPlan("{find: 'c'}").getString("stage").getValue()).isEqualTo("COLLSCAN");
        BsonDocument sorted = winningPlan("{find: 'c', sort: {a: -1, b: 1}}");
        assertThat(sorted.getString("indexName").getValue()).isEqualTo("a_1_b_-1");
        assertThat(sorted.getString("direction").getValue()).isEqualTo("backward");
        assertThat(sorted.getBoolean("blockingSort").getValue()).isFalse();
        assertThat(winningPlan("{find: 'c', filter: {_id: 2}}").getString("indexName").getValue()).isEqualTo("_id_");
        BsonDocument agg = ok("{explain: {aggregate: 'c', pipeline: [{$match: {a: 2}}], cursor: {}}}");
        assertThat(agg.getDocument("queryPlanner").getDocument("winningPlan").getString("stage").getValue())
                .isEqualTo("IXSCAN");
        BsonDocument count = ok("{explain: {count: 'c', query: {a: 2}}, verbosity: 'executionStats'}");
        assertThat(count.getDocument("executionStats").getInt64("nReturned").getValue()).isEqualTo(1);
        assertThat(count.getDocument("executionStats").getInt64("totalKeysExamined").getValue()).isEqualTo(1);
    }

    @Test
    void indexScansAgreeWithCollectionScansAfterRandomWrites() {
        ok("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}, {key: {a: -1, b: 1}, name: 'a_-1_b_1'},"
                + " {key: {'s.t': 1}, name: 's.t_1'}]}");
        Random rnd = new Random(3);
        for (int i = 0; i < 600; i++) {
            int op = rnd.nextInt(10);
            int id = rnd.nextInt(200);
            if (op < 6) {
                run("test", new BsonDocument("insert", new BsonString("c")).append("documents",
                        new BsonArray(List.of(randomDoc(rnd, id)))));
            } else if (op < 8) {
                BsonDocument replacement = randomDoc(rnd, id);
                replacement.remove("_id");
                ok(new BsonDocument("update", new BsonString("c")).append("updates", new BsonArray(List.of(
                        new BsonDocument("q", new BsonDocument("_id", new BsonInt32(id)))
                                .append("u", replacement)))));
            } else {
                ok(new BsonDocument("delete", new BsonString("c")).append("deletes", new BsonArray(List.of(
                        new BsonDocument("q", new BsonDocument("_id", new BsonInt32(id)))
                                .append("limit", new BsonInt32(1))))));
            }
        }
        String[] filters = {"{a: 3}", "{a: {$gt: 2}}", "{a: {$gte: 2, $lt: 6}}", "{a: {$lte: 1.5}}",
            "{a: {$in: [1, 'x', 7]}}", "{a: 'x'}", "{a: {$gt: 'a'}}", "{a: 4, b: {$gt: 1}}", "{a: {$lt: 5}, b: 2}",
            "{'s.t': 2}", "{'s.t': {$gte: 1}}", "{a: 2, b: {$in: [0, 3]}}"};
        for (String f : filters) {
            Set<String> expected = idSet("{find: 'c', filter: " + f + ", hint: {$natural: 1}}");
            for (String hint : new String[] {"a_1", "a_-1_b_1", "s.t_1"}) {
                assertThat(idSet("{find: 'c', filter: " + f + ", hint: '" + hint + "'}"))
                        .as("%s with %s", f, hint).isEqualTo(expected);
            }
            assertThat(idSet("{find: 'c', filter: " + f + "}")).as(f).isEqualTo(expected);
        }
        List<BsonDocument> sorted = findAll("{find: 'c', filter: {a: {$gte: 0}}, sort: {a: -1, b: 1}}");
        assertThat(sorted).isNotEmpty();
    }

    private Set<String> idSet(String find) {
        Set<String> out = new TreeSet<>();
        findAll(find).forEach(d -> out.add(d.get("_id").toString()));
        return out;
    }

    private static BsonDocument randomDoc(Random rnd, int id) {
        BsonDocument d = new BsonDocument("_id", new BsonInt32(id));
        d.append("a", value(rnd));
        if (rnd.nextBoolean()) {
            d.append("b", new BsonInt32(rnd.nextInt(4)));
        }
        if (rnd.nextInt(3) > 0) {
            d.append("s", new BsonDocument("t", new BsonInt32(rnd.nextInt(4))));
        }
        if (rnd.nextInt(5) == 0) {
            d.remove("a");
        }
        return d;
    }

    private static BsonValue value(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return new BsonString(rnd.nextBoolean() ? "x" : "b");
            case 1: {
                List<BsonValue> list = new ArrayList<>();
                list.add(new BsonInt32(rnd.nextInt(8)));
                list.add(new BsonInt32(rnd.nextInt(8)));
                return new BsonArray(list);
            }
            case 2: return new org.bson.BsonDouble(rnd.nextInt(16) / 2.0);
            default: return new BsonInt32(rnd.nextInt(8));
        }
    }
}
