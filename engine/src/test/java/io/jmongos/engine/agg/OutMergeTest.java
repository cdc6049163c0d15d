package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class OutMergeTest {
    private static FakePipelineContext target() {
        return new FakePipelineContext().with("t", "{_id: 1, a: 1, keep: true}", "{_id: 2, a: 2, keep: true}");
    }

    @Test
    void outReplacesTheCollectionAndGeneratesIds() {
        FakePipelineContext ctx = target();
        assertThat(run(ctx, "[{$project: {_id: 0, v: 1}}, {$out: 't'}]", "{_id: 9, v: 1}")).isEmpty();
        List<BsonDocument> t = ctx.collections.get("t");
        assertThat(t).hasSize(1);
        assertThat(t.get(0).getFirstKey()).isEqualTo("_id");
        assertThat(t.get(0).isObjectId("_id")).isTrue();
        assertThat(t.get(0).get("v")).isEqualTo(BsonDocument.parse("{v: 1}").get("v"));
        assertThat(run(ctx, "[{$out: {db: 'test', coll: 'u'}}]", "{_id: 1}")).isEmpty();
        assertThat(ctx.collections.get("u")).isEqualTo(docs("{_id: 1}"));
        fails(ctx, 11000, "[{$out: 'v'}]", "{_id: 1}", "{_id: 1}");
        fails(238, "[{$out: {db: 'other', coll: 'v'}}]", "{_id: 1}");
        fails(17385, "[{$out: 'system.x'}]");
    }

    @Test
    void mergeDefaultMergesAndInserts() {
        FakePipelineContext ctx = target();
        run(ctx, "[{$merge: 't'}]", "{_id: 1, a: 10, b: 1}", "{_id: 3, a: 3}");
        assertThat(ctx.collections.get("t")).isEqualTo(docs("{_id: 1, a: 10, keep: true, b: 1}",
                "{_id: 2, a: 2, keep: true}", "{_id: 3, a: 3}"));
    }

    @Test
    void mergeModes() {
        FakePipelineContext ctx = target();
        run(ctx, "[{$merge: {into: 't', whenMatched: 'replace', whenNotMatched: 'discard'}}]", "{_id: 1, a: 10}",
                "{_id: 3, a: 3}");
        assertThat(ctx.collections.get("t")).isEqualTo(docs("{_id: 1, a: 10}", "{_id: 2, a: 2, keep: true}"));

        ctx = target();
        run(ctx, "[{$merge: {into: 't', whenMatched: 'keepExisting'}}]", "{_id: 1, a: 10}", "{_id: 3, a: 3}");
        assertThat(ctx.collections.get("t")).isEqualTo(docs("{_id: 1, a: 1, keep: true}", "{_id: 2, a: 2, keep: true}",
                "{_id: 3, a: 3}"));

        fails(target(), 11000, "[{$merge: {into: 't', whenMatched: 'fail'}}]", "{_id: 1}");
        fails(target(), 13113, "[{$merge: {into: 't', whenNotMatched: 'fail'}}]", "{_id: 7}");
    }

    @Test
    void mergeOnOtherFieldsWithPipeline() {
        FakePipelineContext ctx = target();
        run(ctx, "[{$merge: {into: 't', on: 'a', let: {inc: '$n'}, whenMatched: [{$set: {a: {$add: ['$a', '$$inc']},"
                + " seen: '$$inc'}}]}}]", "{a: 2, n: 5}", "{a: 9, n: 1}");
        List<BsonDocument> t = ctx.collections.get("t");
        assertThat(t.subList(0, 2))
                .isEqualTo(docs("{_id: 1, a: 1, keep: true}", "{_id: 2, a: 7, keep: true, seen: 5}"));
        assertThat(t.get(2).get("a")).isEqualTo(BsonDocument.parse("{a: 9}").get("a"));
        assertThat(t.get(2).isObjectId("_id")).isTrue();

        ctx = target();
        run(ctx, "[{$merge: {into: 't', whenMatched: [{$addFields: {n: '$$new.a'}}]}}]", "{_id: 2, a: 20}");
        assertThat(ctx.collections.get("t").get(1)).isEqualTo(BsonDocument.parse("{_id: 2, a: 2, keep: true, n: 20}"));
    }

    @Test
    void mergeErrors() {
        fails(target(), 51132, "[{$merge: {into: 't', on: 'a'}}]", "{b: 1}");
        fails(target(), 51185, "[{$merge: {into: 't', on: 'a'}}]", "{a: [1]}");
        fails(target(), 66, "[{$merge: {into: 't', on: 'a', whenMatched: 'replace'}}]", "{_id: 99, a: 1}");
        fails(40414, "[{$merge: {on: 'a'}}]");
        fails(40415, "[{$merge: {into: 't', x: 1}}]");
        fails(2, "[{$merge: {into: 't', whenMatched: 'nope'}}]");
        fails(51199, "[{$merge: {into: 't', let: {x: 1}, whenMatched: 'merge'}}]");
        fails(72, "[{$merge: {into: 't', whenMatched: [{$match: {}}]}}]");
        fails(51187, "[{$merge: {into: 't', on: []}}]");
    }
}
