package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class ViewsTest extends EngineTestBase {
    private void seed() {
        ok("{insert: 'c', documents: [{_id: 1, x: 11, g: 'a'}, {_id: 2, x: 22, g: 'b'}, {_id: 3, x: 33, g: 'a'},"
                + " {_id: 4, x: 44, g: 'b'}]}");
        ok("{create: 'v', viewOn: 'c', pipeline: [{$match: {_id: {$gt: 1}}}]}");
    }

    private static List<BsonValue> ints(int... values) {
        List<BsonValue> out = new ArrayList<>();
        for (int v : values) {
            out.add(new BsonInt32(v));
        }
        return out;
    }

    private List<BsonDocument> collections() {
        List<BsonDocument> out = new ArrayList<>();
        ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch").forEach(v -> out.add(v.asDocument()));
        return out;
    }

    @Test
    void countFindAggregateAndDistinctRunTheViewPipeline() {
        seed();
        assertThat(ok("{count: 'v'}").getInt32("n").getValue()).isEqualTo(3);
        assertThat(ok("{count: 'v', query: {g: 'b'}}").getInt32("n").getValue()).isEqualTo(2);
        assertThat(ok("{count: 'v', skip: 1, limit: 1}").getInt32("n").getValue()).isEqualTo(1);
        assertThat(ids(findAll("{find: 'v'}"))).isEqualTo(ints(2, 3, 4));
        assertThat(findAll("{find: 'v', filter: {g: 'b'}, sort: {x: -1}, projection: {x: 1}, batchSize: 1}"))
                .containsExactly(BsonDocument.parse("{_id: 4, x: 44}"), BsonDocument.parse("{_id: 2, x: 22}"));
        assertThat(ids(findAll("{find: 'v', sort: {_id: 1}, skip: 1, limit: 1}"))).isEqualTo(ints(3));
        BsonDocument first = ok("{find: 'v', batchSize: 1}").getDocument("cursor");
        assertThat(first.getString("ns").getValue()).isEqualTo("test.v");
        List<BsonDocument> grouped = findAll("{aggregate: 'v', pipeline: [{$group: {_id: '$g', n: {$sum: 1}}},"
                + " {$sort: {_id: 1}}], cursor: {}}");
        assertThat(grouped).containsExactly(BsonDocument.parse("{_id: 'a', n: 1}"),
                BsonDocument.parse("{_id: 'b', n: 2}"));
        assertThat(ok("{distinct: 'v', key: 'g'}").getArray("values")).isEqualTo(BsonArray.parse("['a', 'b']"));
        assertThat(ok("{distinct: 'v', key: 'x', query: {g: 'a'}}").getArray("values"))
                .isEqualTo(BsonArray.parse("[33]"));
    }

    @Test
    void viewsOnViewsChainTheirPipelines() {
        seed();
        ok("{create: 'w', viewOn: 'v', pipeline: [{$project: {x: 1}}, {$match: {x: {$lt: 40}}}]}");
        assertThat(findAll("{find: 'w'}")).containsExactly(BsonDocument.parse("{_id: 2, x: 22}"),
                BsonDocument.parse("{_id: 3, x: 33}"));
        ok("{create: 'a', viewOn: 'b'}");
        BsonDocument cycle = fails("{create: 'b', viewOn: 'a'}", 167);
        assertThat(cycle.getString("errmsg").getValue()).isEqualTo("View cycle detected: [test.b => test.a => test.b]");
        ok("{insert: 'items', documents: [{_id: 'i', c: 2}]}");
        List<BsonDocument> joined = findAll("{aggregate: 'items', pipeline: [{$lookup: {from: 'v', localField: 'c',"
                + " foreignField: '_id', as: 'm'}}, {$project: {n: {$size: '$m'}}}], cursor: {}}");
        assertThat(joined).containsExactly(BsonDocument.parse("{_id: 'i', n: 1}"));
        List<BsonDocument> union = findAll("{aggregate: 'items', pipeline: [{$unionWith: 'w'}], cursor: {}}");
        assertThat(union).hasSize(3);
    }

    @Test
    void listCollectionsShowsViewsAndDropRemovesThem() {
        seed();
        List<BsonDocument> all = collections();
        assertThat(all).hasSize(2);
        BsonDocument v = all.get(1);
        assertThat(v.getString("name").getValue()).isEqualTo("v");
        assertThat(v.getString("type").getValue()).isEqualTo("view");
        assertThat(v.getDocument("options")).isEqualTo(BsonDocument.parse(
                "{viewOn: 'c', pipeline: [{$match: {_id: {$gt: 1}}}]}"));
        assertThat(v.getDocument("info").getBoolean("readOnly").getValue()).isTrue();
        assertThat(ok("{listCollections: 1, filter: {type: 'view'}, nameOnly: true}").getDocument("cursor")
                .getArray("firstBatch")).containsExactly(BsonDocument.parse("{name: 'v', type: 'view'}"));
        assertThat(ok("{dbStats: 1}").getInt32("views").getValue()).isEqualTo(1);
        ok("{create: 'v', viewOn: 'c', pipeline: [{$match: {_id: {$gt: 1}}}]}");
        fails("{create: 'v', viewOn: 'c'}", 48);
        fails("{create: 'v'}", 48);
        fails("{create: 'c', viewOn: 'x'}", 48);
        ok("{drop: 'v'}");
        assertThat(collections()).hasSize(1);
        assertThat(ok("{count: 'v'}").getInt32("n").getValue()).isZero();
        ok("{create: 'v2', viewOn: 'c'}");
        ok("{dropDatabase: 1}");
        assertThat(collections()).isEmpty();
    }

    @Test
    void writesAndDdlOnAViewFailWith166() {
        seed();
        BsonDocument insert = run("{insert: 'v', documents: [{_id: 9}]}");
        BsonDocument err = insert.getArray("writeErrors").get(0).asDocument();
        assertThat(err.getInt32("code").getValue()).isEqualTo(166);
        assertThat(err.getString("errmsg").getValue()).isEqualTo("Namespace test.v is a view, not a collection");
        assertThat(run("{update: 'v', updates: [{q: {}, u: {$set: {y: 1}}, upsert: true}]}").getArray("writeErrors")
                .get(0).asDocument().getInt32("code").getValue()).isEqualTo(166);
        assertThat(run("{delete: 'v', deletes: [{q: {}, limit: 0}]}").getArray("writeErrors").get(0).asDocument()
                .getInt32("code").getValue()).isEqualTo(166);
        fails("{findAndModify: 'v', query: {}, remove: true}", 166);
        fails("{createIndexes: 'v', indexes: [{key: {x: 1}, name: 'x_1'}]}", 166);
        fails("{listIndexes: 'v'}", 166);
        fails("{collMod: 'v', validator: {}}", 166);
        fails("{aggregate: 'c', pipeline: [{$out: 'v'}], cursor: {}}", 166);
        fails("{aggregate: 'v', pipeline: [{$collStats: {storageStats: {}}}], cursor: {}}", 166);
        assertThat(findAll("{aggregate: 'v', pipeline: [{$collStats: {latencyStats: {}}}], cursor: {}}")).hasSize(1);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(4);
        assertThat(collections()).hasSize(2);
    }

    @Test
    void createRefusesBadDefinitions() {
        fails("{create: 'v', pipeline: []}", 72);
        fails("{create: 'v', viewOn: ''}", 2);
        fails("{create: 'v', viewOn: 1}", 14);
        fails("{create: 'v', viewOn: 'c', pipeline: {}}", 14);
        fails("{create: 'v', viewOn: 'c', pipeline: [{$bogus: 1}]}", 40324);
        fails("{create: 'v', viewOn: 'c', pipeline: [{$out: 'x'}]}", 157);
        fails("{create: 'v', viewOn: 'c', capped: true, size: 10}", 72);
        assertThat(collections()).isEmpty();
    }
}
