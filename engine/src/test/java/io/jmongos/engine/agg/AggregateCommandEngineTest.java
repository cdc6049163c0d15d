package io.jmongos.engine.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineTestBase;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The pipeline through the embedded engine's aggregate command: real storage behind PipelineContext. */
class AggregateCommandEngineTest extends EngineTestBase {
    private void seed() {
        ok("{insert: 'orders', documents: [{_id: 1, item: 'a', qty: 2}, {_id: 2, item: 'b', qty: 1},"
                + " {_id: 3, item: 'a', qty: 5}, {_id: 4, item: 'c', qty: 3}]}");
        ok("{insert: 'items', documents: [{_id: 'a', price: 10}, {_id: 'b', price: 20}]}");
    }

    @Test
    void groupSortAndBatches() {
        seed();
        List<BsonDocument> out = findAll("{aggregate: 'orders', pipeline: [{$match: {qty: {$gte: 2}}}, "
                + "{$group: {_id: '$item', total: {$sum: '$qty'}}}, {$sort: {total: -1}}], cursor: {batchSize: 1}}");
        assertThat(out).containsExactly(BsonDocument.parse("{_id: 'a', total: 7}"),
                BsonDocument.parse("{_id: 'c', total: 3}"));
    }

    @Test
    void lookupReadsTheOtherCollection() {
        seed();
        List<BsonDocument> out = findAll("{aggregate: 'orders', pipeline: [{$sort: {_id: 1}}, {$limit: 2}, "
                + "{$lookup: {from: 'items', localField: 'item', foreignField: '_id', as: 'i'}}, "
                + "{$project: {_id: 1, price: {$first: '$i.price'}}}], cursor: {}}");
        assertThat(out).containsExactly(BsonDocument.parse("{_id: 1, price: 10}"),
                BsonDocument.parse("{_id: 2, price: 20}"));
    }

    @Test
    void outAndMergeWrite() {
        seed();
        ok("{aggregate: 'orders', pipeline: [{$group: {_id: '$item', n: {$sum: 1}}}, {$out: 'summary'}], cursor: {}}");
        assertThat(findAll("{find: 'summary', sort: {_id: 1}}")).containsExactly(
                BsonDocument.parse("{_id: 'a', n: 2}"), BsonDocument.parse("{_id: 'b', n: 1}"),
                BsonDocument.parse("{_id: 'c', n: 1}"));
        ok("{aggregate: 'orders', pipeline: [{$match: {_id: {$in: [2, 4]}}}, {$project: {_id: '$item', extra: 1}},"
                + " {$addFields: {extra: true}}, {$merge: {into: 'summary', whenMatched: 'merge'}}], cursor: {}}");
        assertThat(findAll("{find: 'summary', sort: {_id: 1}}")).containsExactly(
                BsonDocument.parse("{_id: 'a', n: 2}"), BsonDocument.parse("{_id: 'b', n: 1, extra: true}"),
                BsonDocument.parse("{_id: 'c', n: 1, extra: true}"));
    }

    @Test
    void errorsComeBackAsCommandErrors() {
        seed();
        fails("{aggregate: 'orders', pipeline: [{$bogus: 1}], cursor: {}}", 40324);
        fails("{aggregate: 'orders', pipeline: [{$project: {x: {$bogus: 1}}}], cursor: {}}", 168);
        fails("{aggregate: 'orders', pipeline: [{$project: {x: {$size: '$item'}}}], cursor: {}}", 17124);
        fails("{aggregate: 'orders', pipeline: [{$project: {x: '$$nope'}}], cursor: {}}", 17276);
    }

    @Test
    void commandLetReachesExprAndLookupPipelines() {
        seed();
        List<BsonDocument> out = findAll("{aggregate: 'orders', let: {min: 3}, pipeline: ["
                + "{$match: {$expr: {$gte: ['$qty', '$$min']}}}, {$lookup: {from: 'items', let: {it: '$item'}, as: 'i',"
                + " pipeline: [{$match: {$expr: {$eq: ['$_id', '$$it']}}}, {$project: {_id: 0, price: 1}}]}},"
                + " {$sort: {_id: 1}}], cursor: {}}");
        assertThat(out).containsExactly(BsonDocument.parse("{_id: 3, item: 'a', qty: 5, i: [{price: 10}]}"),
                BsonDocument.parse("{_id: 4, item: 'c', qty: 3, i: []}"));
    }

    @Test
    void collStatsReportsTheCappedCollection() {
        ok("{create: 'log', capped: true, size: 4096}");
        ok("{insert: 'log', documents: [{_id: 1, x: 11}]}");
        List<BsonDocument> out = findAll("{aggregate: 'log', pipeline: [{$collStats: {storageStats: {}}}, "
                + "{$project: {capped: '$storageStats.capped', maxSize: '$storageStats.maxSize'}}], cursor: {}}");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getBoolean("capped").getValue()).isTrue();
        assertThat(out.get(0).getNumber("maxSize").longValue()).isEqualTo(4096);
        BsonDocument stats = findAll("{aggregate: 'log', pipeline: [{$collStats: {storageStats: {}, count: {}}}],"
                + " cursor: {}}").get(0);
        assertThat(stats.getString("ns").getValue()).isEqualTo("test.log");
        assertThat(stats.getNumber("count").longValue()).isEqualTo(1);
        assertThat(stats.getDocument("storageStats").getNumber("count").longValue()).isEqualTo(1);
        assertThat(stats.getDocument("storageStats").getNumber("nindexes").intValue()).isEqualTo(1);
        fails("{aggregate: 'missing', pipeline: [{$collStats: {storageStats: {}}}], cursor: {}}", 26);
    }

    @Test
    void aLeadingMatchWithLetVariablesIsPlannedOnAnIndex() {
        seed();
        ok("{createIndexes: 'orders', indexes: [{key: {item: 1}, name: 'item_1'}]}");
        String cmd = "{aggregate: 'orders', pipeline: [{$match: {item: 'a', $expr: {$gte: ['$qty', '$$min']}}},"
                + " {$project: {_id: 1}}], let: {min: 3}, cursor: {}";
        assertThat(findAll(cmd + "}")).containsExactly(BsonDocument.parse("{_id: 3}"));
        BsonDocument explain = ok(cmd + ", explain: true}");
        assertThat(explain.toJson()).contains("IXSCAN").contains("item_1");
    }

    @Test
    void aLeadingSortTheIndexCannotGiveIsStillApplied() {
        seed();
        List<BsonDocument> out = findAll("{aggregate: 'orders', pipeline: [{$match: {qty: {$gt: 1}}},"
                + " {$sort: {qty: -1}}, {$project: {_id: 1}}], cursor: {batchSize: 1}}");
        assertThat(out).containsExactly(BsonDocument.parse("{_id: 3}"), BsonDocument.parse("{_id: 4}"),
                BsonDocument.parse("{_id: 1}"));
    }
}
