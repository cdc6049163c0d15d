package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class LookupStageTest {
    private static FakePipelineContext inventory() {
        return new FakePipelineContext().with("inv",
                "{_id: 1, sku: 'a', stock: 10}",
                "{_id: 2, sku: 'b', stock: 0}",
                "{_id: 3, sku: ['a', 'c'], stock: 5}",
                "{_id: 4, stock: 1}",
                "{_id: 5, sku: null, stock: 2}");
    }

    @Test
    void equalityFormMatchesArraysBothWaysAndNullMatchesMissing() {
        FakePipelineContext ctx = inventory();
        String p = "[{$lookup: {from: 'inv', localField: 'item', foreignField: 'sku', as: 'docs'}}, "
                + "{$project: {ids: '$docs._id'}}]";
        assertThat(run(ctx, p, "{_id: 'o1', item: 'a'}", "{_id: 'o2', item: ['b', 'c']}", "{_id: 'o3'}",
                "{_id: 'o4', item: 'zz'}"))
                .isEqualTo(docs("{_id: 'o1', ids: [1, 3]}", "{_id: 'o2', ids: [2, 3]}", "{_id: 'o3', ids: [4, 5]}",
                        "{_id: 'o4', ids: []}"));
        assertThat(ctx.filteredScans.get(0)).isEqualTo(BsonDocument.parse("{sku: {$in: ['a']}}"));
        assertThat(ctx.filteredScans.get(2)).isEqualTo(BsonDocument.parse("{sku: {$in: [null]}}"));
    }

    @Test
    void asWithDotsAndMissingCollection() {
        assertThat(run(inventory(), "[{$lookup: {from: 'nope', localField: 'a', foreignField: 'b', as: 'x.y'}}]",
                "{a: 1, x: {z: 1}}")).isEqualTo(docs("{a: 1, x: {z: 1, y: []}}"));
    }

    @Test
    void pipelineFormWithLet() {
        String p = "[{$lookup: {from: 'inv', let: {want: '$item', min: '$min'}, as: 'docs', pipeline: ["
                + "{$match: {$expr: {$and: [{$eq: ['$sku', '$$want']}, {$gte: ['$stock', '$$min']}]}}},"
                + "{$project: {_id: 1}}]}}]";
        assertThat(run(inventory(), p, "{item: 'a', min: 6}", "{item: 'b', min: 0}"))
                .isEqualTo(docs("{item: 'a', min: 6, docs: [{_id: 1}]}", "{item: 'b', min: 0, docs: [{_id: 2}]}"));
    }

    @Test
    void uncorrelatedPipelineIsScannedOnce() {
        FakePipelineContext ctx = inventory();
        String p = "[{$lookup: {from: 'inv', as: 'n', pipeline: [{$count: 'c'}]}}]";
        assertThat(run(ctx, p, "{_id: 1}", "{_id: 2}")).isEqualTo(docs("{_id: 1, n: [{c: 5}]}",
                "{_id: 2, n: [{c: 5}]}"));
        assertThat(ctx.fullScans).isEqualTo(1);
    }

    @Test
    void combinedFormAndDocumentsSource() {
        String p = "[{$lookup: {from: 'inv', localField: 'item', foreignField: 'sku', let: {m: '$min'}, as: 'docs',"
                + " pipeline: [{$match: {$expr: {$gte: ['$stock', '$$m']}}}, {$project: {_id: 1}}]}}]";
        assertThat(run(inventory(), p, "{item: 'a', min: 6}")).isEqualTo(docs("{item: 'a', min: 6, docs: [{_id: 1}]}"));
        String docs = "[{$lookup: {as: 'd', let: {x: '$x'}, pipeline: [{$documents: [{v: 1}, {v: 2}]}, "
                + "{$match: {$expr: {$eq: ['$v', '$$x']}}}]}}]";
        assertThat(run(inventory(), docs, "{x: 2}")).isEqualTo(docs("{x: 2, d: [{v: 2}]}"));
    }

    @Test
    void unionWith() {
        assertThat(run(inventory(), "[{$unionWith: {coll: 'inv', pipeline: [{$match: {stock: {$gt: 5}}}, "
                + "{$project: {_id: 1}}]}}]", "{_id: 'x'}")).isEqualTo(docs("{_id: 'x'}", "{_id: 1}"));
        assertThat(run(inventory(), "[{$unionWith: 'inv'}, {$count: 'n'}]", "{}")).isEqualTo(docs("{n: 6}"));
    }

    @Test
    void errors() {
        fails(9, "[{$lookup: {from: 'x', localField: 'a', foreignField: 'b'}}]").hasMessageContaining("'as'");
        fails(9, "[{$lookup: {from: 'x', localField: 'a', as: 'b'}}]");
        fails(9, "[{$lookup: {from: 'x', as: 'b'}}]");
        fails(9, "[{$lookup: {from: 'x', as: 'b', pipeline: [], bogus: 1}}]");
        fails(9, "[{$lookup: {as: 'b', pipeline: []}}]").hasMessageContaining("'from'");
        fails(40324, "[{$lookup: {from: 'x', as: 'b', pipeline: [{$nope: 1}]}}]");
    }
}
