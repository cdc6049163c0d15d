package io.jmongos.engine.update;

import static io.jmongos.engine.update.U.assertApplyError;
import static io.jmongos.engine.update.U.assertCompileError;
import static io.jmongos.engine.update.U.assertUpdate;
import static io.jmongos.engine.update.U.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jmongos.common.CommandFailedException;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class ReplacementPipelineUpsertTest {
    @Test
    void replacementKeepsIdFirst() {
        UpdateSpec spec = UpdateSpec.compile(doc("{b: 2}"), null);
        assertThat(spec.isReplacement()).isTrue();
        assertUpdate("{b: 2}", "{_id: 1, a: 1}", "{_id: 1, b: 2}");
        assertUpdate("{b: 2, _id: 1}", "{_id: 1, a: 1}", "{_id: 1, b: 2}");
        assertUpdate("{}", "{_id: 1, a: 1}", "{_id: 1}");
        assertUpdate("{a: 1}", "{_id: 1, a: 1}", "{_id: 1, a: 1}");
        assertUpdate("{a: {$x: 1}}", "{_id: 1}", "{_id: 1, a: {$x: 1}}");
    }

    @Test
    void pipelineStages() {
        assertThat(UpdateSpec.compile(U.update("[{$set: {a: 1}}]"), null).isPipeline()).isTrue();
        assertUpdate("[{$set: {c: {$add: ['$a', '$b']}}}]", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1, b: 2, c: 3}");
        assertUpdate("[{$addFields: {'x.y': 1}}, {$unset: 'a'}]", "{_id: 1, a: 1, x: {z: 0}}",
                "{_id: 1, x: {z: 0, y: 1}}");
        assertUpdate("[{$unset: ['a', 'b']}]", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, c: 3}");
        assertUpdate("[{$project: {a: 1}}]", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1}");
        assertUpdate("[{$replaceWith: {n: '$a'}}]", "{_id: 1, a: 1}", "{_id: 1, n: 1}");
        assertUpdate("[{$replaceRoot: {newRoot: '$sub'}}]", "{_id: 1, sub: {k: 1}}", "{_id: 1, k: 1}");
        assertUpdate("[{$set: {a: '$$REMOVE'}}]", "{_id: 1, a: 1}", "{_id: 1}");
        // aggregation semantics: $project computes ($slice is the expression, not find's projection operator)
        assertUpdate("[{$project: {s: {$slice: ['$arr', 1]}, t: {$concat: ['$a', '!']}}}]",
                "{_id: 1, a: 'x', arr: [1, 2, 3]}", "{_id: 1, s: [1], t: 'x!'}");
        assertApplyError("[{$set: {_id: 2}}]", "{_id: 1}", 66, "altered to _id: 2");
        assertCompileError("[{$match: {}}]", 72, "$match is not allowed to be used within an update");
        assertCompileError("[{$bogus: {}}]", 40324, "Unrecognized pipeline stage name: '$bogus'");
        assertApplyError("[{$replaceWith: '$a'}]", "{_id: 1, a: 5}", 40228,
                "'replacement document' must evaluate to an object");
    }

    @Test
    void upsertSeedFromEqualities() {
        assertThat(UpdateSpec.upsertSeed(doc("{_id: 1, a: 2, b: {$gt: 1}, c: {$eq: 3}, 'd.e': 4, f: {$in: [5]}, "
                + "g: /x/, $or: [{h: 1}], $and: [{i: 6}, {j: {$lt: 1}}]}")))
                .isEqualTo(doc("{_id: 1, a: 2, c: 3, d: {e: 4}, f: 5, h: 1, i: 6}"));
        // an $or of one clause is that clause (MongoDB's optimizer); of two or more it seeds nothing
        assertThat(UpdateSpec.upsertSeed(doc("{$or: [{_id: 'k'}]}"))).isEqualTo(doc("{_id: 'k'}"));
        assertThat(UpdateSpec.upsertSeed(doc("{$or: [{'sub.key': 1, n: {$gt: 1}}]}")))
                .isEqualTo(doc("{sub: {key: 1}}"));
        assertThat(UpdateSpec.upsertSeed(doc("{$and: [{$or: [{$and: [{a: 1}]}]}], $or: [{b: 2}, {c: 3}]}")))
                .isEqualTo(doc("{a: 1}"));
        assertThat(UpdateSpec.upsertSeed(doc("{'a.b': 1, 'a.c': 2}"))).isEqualTo(doc("{a: {b: 1, c: 2}}"));
        assertThat(UpdateSpec.upsertSeed(null)).isEqualTo(doc("{}"));
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> UpdateSpec.upsertSeed(doc("{a: 1, 'a.b': 2}")));
        assertThat(e.code()).isEqualTo(54);
        e = catchThrowableOfType(CommandFailedException.class,
                () -> UpdateSpec.upsertSeed(doc("{a: 1, $and: [{a: 2}]}")));
        assertThat(e.code()).isEqualTo(54);
        assertThat(e.getMessage()).isEqualTo("cannot infer query fields to set, path 'a' is matched twice");
    }

    @Test
    void upsertInsertAppliesOperatorsToTheSeed() {
        UpdateSpec spec = UpdateSpec.compile(doc("{$inc: {n: 1}, $setOnInsert: {created: true}}"), null);
        UpdateOutcome out = spec.apply(UpdateSpec.upsertSeed(doc("{_id: 7, k: 'x'}")), null, true);
        assertThat(out.document()).isEqualTo(doc("{_id: 7, k: 'x', created: true, n: 1}"));
        UpdateOutcome replaced = UpdateSpec.compile(doc("{v: 1}"), null)
                .apply(UpdateSpec.upsertSeed(doc("{_id: 7, k: 'x'}")), null, true);
        assertThat(replaced.document()).isEqualTo(doc("{_id: 7, v: 1}"));
    }

    @Test
    void worksOnImmutableRawDocuments() {
        RawBsonDocument raw = RawBsonDocument.parse("{_id: 1, a: {b: [1, 2]}, c: 1}");
        UpdateOutcome out = UpdateSpec.compile(doc("{$push: {'a.b': 3}, $inc: {c: 1}, $set: {'a.d': 1}}"), null)
                .apply(raw, null, false);
        assertThat(out.document()).isEqualTo(doc("{_id: 1, a: {b: [1, 2, 3], d: 1}, c: 2}"));
        assertThat(out.modified()).isTrue();
    }
}
