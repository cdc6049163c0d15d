package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class BasicStagesTest {
    @Test
    void matchUsesQueryLanguageAndExprWithCommandLet() {
        assertThat(run("[{$match: {a: {$gt: 1}}}]", "{_id: 1, a: 1}", "{_id: 2, a: 2}", "{_id: 3, a: [0, 5]}"))
                .isEqualTo(docs("{_id: 2, a: 2}", "{_id: 3, a: [0, 5]}"));
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.let = BsonDocument.parse("{min: 2}");
        assertThat(run(ctx, "[{$match: {$expr: {$gte: ['$a', '$$min']}}}]", "{a: 1}", "{a: 3}"))
                .isEqualTo(docs("{a: 3}"));
        fails(15959, "[{$match: 1}]");
    }

    @Test
    void projectInclusionExclusionAndComputed() {
        String doc = "{_id: 1, a: 1, b: {c: 2, d: 3}, e: [{c: 1, d: 2}, 5, [{c: 3}]], z: 9}";
        assertThat(run("[{$project: {z: 1, a: 1}}]", doc)).isEqualTo(docs("{_id: 1, a: 1, z: 9}"));
        assertThat(run("[{$project: {_id: 0, 'b.c': 1, e: {c: 1}}}]", doc))
                .isEqualTo(docs("{b: {c: 2}, e: [{c: 1}, [{c: 3}]]}"));
        assertThat(run("[{$project: {x: {$add: ['$a', 1]}, a: 1, s: 'lit', r: '$$REMOVE'}}]", doc))
                .isEqualTo(docs("{_id: 1, a: 1, x: 2, s: 'lit'}"));
        assertThat(run("[{$project: {b: 0, e: 0, _id: 0}}]", doc)).isEqualTo(docs("{a: 1, z: 9}"));
        assertThat(run("[{$project: {'b.c': 0, 'e.d': 0}}]", doc))
                .isEqualTo(docs("{_id: 1, a: 1, b: {d: 3}, e: [{c: 1}, 5, [{c: 3}]], z: 9}"));
        assertThat(run("[{$project: {'n.x': {$literal: 1}}}]", "{_id: 1, n: 5}"))
                .isEqualTo(docs("{_id: 1, n: {x: 1}}"));
        assertThat(run("[{$project: {_id: 1}}]", doc)).isEqualTo(docs("{_id: 1}"));
        fails(31254, "[{$project: {a: 1, b: 0}}]", doc);
        fails(51272, "[{$project: {}}]", doc);
        fails(31250, "[{$project: {a: 1, 'a.b': 1}}]", doc);
        fails(16410, "[{$project: {$a: 1}}]", doc);
        fails(168, "[{$project: {a: {$nope: 1}}}]", doc);
    }

    @Test
    void addFieldsSetAndUnset() {
        assertThat(run("[{$addFields: {b: {$add: ['$a', 1]}, a: 0, 'c.d': 5}}]", "{_id: 1, a: 1, c: {e: 1}}"))
                .isEqualTo(docs("{_id: 1, a: 0, c: {e: 1, d: 5}, b: 2}"));
        assertThat(run("[{$set: {'arr.x': 1, gone: '$$REMOVE', empty: {}}}]", "{arr: [{y: 1}, 2], gone: 1}"))
                .isEqualTo(docs("{arr: [{y: 1, x: 1}, {x: 1}], empty: {}}"));
        assertThat(run("[{$unset: ['a', 'c.d']}]", "{_id: 1, a: 1, c: {d: 1, e: 2}}"))
                .isEqualTo(docs("{_id: 1, c: {e: 2}}"));
        assertThat(run("[{$unset: 'a'}]", "{a: 1, b: 1}")).isEqualTo(docs("{b: 1}"));
        fails(31119, "[{$unset: []}]");
        fails(31120, "[{$unset: [1]}]");
        fails(40272, "[{$addFields: 1}]");
    }

    @Test
    void limitSkipCount() {
        String[] in = {"{a: 1}", "{a: 2}", "{a: 3}"};
        assertThat(run("[{$skip: 1}, {$limit: 1}]", in)).isEqualTo(docs("{a: 2}"));
        assertThat(run("[{$skip: 5}]", in)).isEmpty();
        assertThat(run("[{$count: 'n'}]", in)).isEqualTo(docs("{n: 3}"));
        assertThat(run("[{$match: {a: 9}}, {$count: 'n'}]", in)).isEmpty();
        fails(15958, "[{$limit: 0}]");
        fails(15957, "[{$limit: 'x'}]");
        fails(15956, "[{$skip: -1}]");
        fails(40156, "[{$count: ''}]");
        fails(40158, "[{$count: '$n'}]");
        fails(40160, "[{$count: 'a.b'}]");
    }

    @Test
    void replaceRootAndReplaceWith() {
        assertThat(run("[{$replaceRoot: {newRoot: '$x'}}]", "{x: {y: 1}}")).isEqualTo(docs("{y: 1}"));
        assertThat(run("[{$replaceWith: {$mergeObjects: [{d: 0}, '$x']}}]", "{x: {y: 1}}"))
                .isEqualTo(docs("{d: 0, y: 1}"));
        fails(40228, "[{$replaceWith: '$x'}]", "{x: 1}").hasMessageContaining("Type of resulting value: 'int'");
        fails(40228, "[{$replaceRoot: {newRoot: '$m'}}]", "{x: 1}").hasMessageContaining("MISSING");
    }

    @Test
    void sortWithAndWithoutLimit() {
        String[] in = {"{_id: 1, a: 3}", "{_id: 2, a: 1}", "{_id: 3}", "{_id: 4, a: [0, 9]}", "{_id: 5, a: 1}"};
        assertThat(run("[{$sort: {a: 1, _id: -1}}]", in))
                .extracting(d -> d.getInt32("_id").getValue()).containsExactly(3, 4, 5, 2, 1);
        assertThat(run("[{$sort: {a: -1}}, {$limit: 2}]", in))
                .extracting(d -> d.getInt32("_id").getValue()).containsExactly(4, 1);
        assertThat(run("[{$sort: {a: 1}}, {$limit: 2}]", in))
                .extracting(d -> d.getInt32("_id").getValue()).containsExactly(3, 4);
        fails(15976, "[{$sort: {}}]");
        fails(15975, "[{$sort: {a: 2}}]");
    }

    @Test
    void memoryLimitOnBlockingStages() {
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.memoryLimit = 200;
        fails(ctx, 292, "[{$sort: {a: 1}}]", "{a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}",
                "{a: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'}")
                .hasMessage("Sort exceeded memory limit of 200 bytes, but did not opt in to external sorting.");
        fails(ctx, 292, "[{$group: {_id: '$a', all: {$push: '$$ROOT'}}}]", "{a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}",
                "{a: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'}", "{a: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'}")
                .hasMessageContaining("Exceeded memory limit for $group");
    }

    @Test
    void redact() {
        String p = "[{$redact: {$cond: {if: {$eq: ['$level', 'secret']}, then: '$$PRUNE', else: '$$DESCEND'}}}]";
        assertThat(run(p, "{_id: 1, level: 'public', a: {level: 'secret', x: 1}, b: [{level: 'secret'}, "
                + "{level: 'public', y: 2}, 3]}", "{_id: 2, level: 'secret'}"))
                .isEqualTo(docs("{_id: 1, level: 'public', b: [{level: 'public', y: 2}, 3]}"));
        assertThat(run("[{$redact: '$$KEEP'}]", "{a: 1}")).isEqualTo(docs("{a: 1}"));
        fails(17053, "[{$redact: 'x'}]", "{a: 1}");
    }

    @Test
    void undefinedVariablesFailAtCompileTime() {
        fails(17276, "[{$project: {a: '$$nope'}}]").hasMessage("Use of undefined variable: nope");
        fails(17276, "[{$match: {$expr: {$eq: ['$a', '$$nope']}}}]");
        fails(17276, "[{$project: {a: {$map: {input: [1], as: 'x', in: '$$this'}}}}]");
        fails(17276, "[{$lookup: {from: 'c', let: {x: 1}, as: 'o', pipeline: [{$project: {v: '$$y'}}]}}]");
        fails(17276, "[{$merge: {into: 't', let: {a: 1}, whenMatched: [{$set: {v: '$$new'}}]}}]");
        assertThat(run("[{$project: {_id: 0, a: {$let: {vars: {x: 1}, in: {$map: {input: [1], in: "
                + "{$add: ['$$this', '$$x']}}}}}}}]", "{}")).isEqualTo(docs("{a: [2]}"));
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.let = BsonDocument.parse("{k: 1}");
        assertThat(run(ctx, "[{$project: {_id: 0, a: '$$k', n: {$type: '$$NOW'}}}]", "{}"))
                .isEqualTo(docs("{a: 1, n: 'date'}"));
    }

    @Test
    void unknownAndMisplacedStages() {
        fails(40324, "[{$foo: {}}]").hasMessage("Unrecognized pipeline stage name: '$foo'");
        fails(40324, "[{$setWindowFields: {}}]").hasMessageContaining("'$setWindowFields'");
        fails(40323, "[{$match: {}, $limit: 1}]");
        fails(14, "[1]");
        fails(40601, "[{$out: 'x'}, {$match: {}}]");
        fails(40601, "[{$merge: {into: 'x'}}, {$limit: 1}]");
        fails(40600, "[{$facet: {a: [{$out: 'x'}]}}]");
        fails(40600, "[{$facet: {a: [{$facet: {b: []}}]}}]");
        fails(51047, "[{$lookup: {from: 'x', as: 'y', pipeline: [{$out: 'z'}]}}]");
    }
}
