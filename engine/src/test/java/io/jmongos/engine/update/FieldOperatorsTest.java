package io.jmongos.engine.update;

import static io.jmongos.engine.update.U.apply;
import static io.jmongos.engine.update.U.assertApplyError;
import static io.jmongos.engine.update.U.assertUpdate;
import static io.jmongos.engine.update.U.doc;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDateTime;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class FieldOperatorsTest {
    @Test
    void set() {
        assertUpdate("{$set: {a: 2}}", "{_id: 1, a: 1}", "{_id: 1, a: 2}");
        assertUpdate("{$set: {b: 2}}", "{_id: 1, a: 1}", "{_id: 1, a: 1, b: 2}");
        assertUpdate("{$set: {'a.b.c': 1}}", "{_id: 1}", "{_id: 1, a: {b: {c: 1}}}");
        assertUpdate("{$set: {'a.b': 1}}", "{_id: 1, a: {c: 1}}", "{_id: 1, a: {c: 1, b: 1}}");
        assertUpdate("{$set: {'a.2': 5}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, null, 5]}");
        assertUpdate("{$set: {'a.0.b': 5}}", "{_id: 1, a: [{b: 1}, {b: 2}]}", "{_id: 1, a: [{b: 5}, {b: 2}]}");
        assertUpdate("{$set: {'a.1.c': 5}}", "{_id: 1, a: [{b: 1}]}", "{_id: 1, a: [{b: 1}, {c: 5}]}");
        assertUpdate("{$set: {a: {x: [1, {y: 2}]}}}", "{_id: 1}", "{_id: 1, a: {x: [1, {y: 2}]}}");
        assertUpdate("{$set: {z: 1, b: 1, a: 1}}", "{_id: 1}", "{_id: 1, a: 1, b: 1, z: 1}");
        assertUpdate("{$set: {'a.10': 1, 'a.9': 1}}", "{_id: 1, a: {}}", "{_id: 1, a: {'9': 1, '10': 1}}");
        assertUpdate("{$set: {a: 1}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}");
        assertThat(apply("{$set: {a: 1.0}}", "{_id: 1, a: 1}").modified()).isTrue();
        assertUpdate("{$set: {}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}");
    }

    @Test
    void setRefusesToTraverseNonDocuments() {
        assertApplyError("{$set: {'a.b': 1}}", "{_id: 1, a: 5}", 28, "Cannot create field 'b' in element {a: 5}");
        assertApplyError("{$set: {'a.b.c': 1}}", "{_id: 1, a: {b: 'x'}}", 28,
                "Cannot create field 'c' in element {b: \"x\"}");
        assertApplyError("{$set: {'a.b': 1}}", "{_id: 1, a: [1, 2]}", 28,
                "Cannot create field 'b' in element {a: [ 1, 2 ]}");
        assertApplyError("{$set: {'a.b': 1}}", "{_id: 1, a: null}", 28, "Cannot create field 'b' in element {a: null}");
    }

    @Test
    void unset() {
        assertUpdate("{$unset: {a: ''}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}");
        assertUpdate("{$unset: {'a.b': 1}}", "{_id: 1, a: {b: 1, c: 2}}", "{_id: 1, a: {c: 2}}");
        assertUpdate("{$unset: {'a.1': 1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, null, 3]}");
        assertUpdate("{$unset: {x: 1, 'a.b': 1, 'c.d': 1}}", "{_id: 1, a: 5, c: [1]}", "{_id: 1, a: 5, c: [1]}");
    }

    @Test
    void incAndMul() {
        assertUpdate("{$inc: {a: 2}}", "{_id: 1, a: 1}", "{_id: 1, a: 3}");
        assertUpdate("{$inc: {a: -1.5}}", "{_id: 1, a: 1}", "{_id: 1, a: -0.5}");
        assertUpdate("{$inc: {a: 5}}", "{_id: 1}", "{_id: 1, a: 5}");
        assertUpdate("{$inc: {'a.b': NumberLong(5)}}", "{_id: 1}", "{_id: 1, a: {b: NumberLong(5)}}");
        assertUpdate("{$inc: {a: 1}}", "{_id: 1, a: 2147483647}", "{_id: 1, a: NumberLong('2147483648')}");
        assertUpdate("{$inc: {a: NumberLong(1)}}", "{_id: 1, a: 1}", "{_id: 1, a: NumberLong(2)}");
        assertUpdate("{$inc: {a: NumberDecimal('0.1')}}", "{_id: 1, a: 1}", "{_id: 1, a: NumberDecimal('1.1')}");
        assertUpdate("{$mul: {a: 3}}", "{_id: 1, a: 2}", "{_id: 1, a: 6}");
        assertUpdate("{$mul: {a: 2}}", "{_id: 1, a: 1073741824}", "{_id: 1, a: NumberLong('2147483648')}");
        assertUpdate("{$mul: {a: NumberLong(3)}}", "{_id: 1}", "{_id: 1, a: NumberLong(0)}");
        assertUpdate("{$mul: {a: 2.5}}", "{_id: 1}", "{_id: 1, a: 0.0}");
        assertUpdate("{$inc: {'a.1': 1}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 3]}");
    }

    @Test
    void incErrors() {
        U.assertCompileError("{$inc: {a: 'x'}}", 14, "Cannot increment with non-numeric argument: {a: \"x\"}");
        U.assertCompileError("{$mul: {a: null}}", 14, "Cannot multiply with non-numeric argument");
        assertApplyError("{$inc: {a: 1}}", "{_id: 1, a: 'x'}", 14,
                "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type "
                        + "string");
        assertApplyError("{$inc: {a: NumberLong(1)}}", "{_id: 1, a: NumberLong('9223372036854775807')}", 2,
                "Failed to apply $inc operations to current value");
        assertApplyError("{$mul: {a: 2}}", "{_id: 1, a: NumberLong('9223372036854775807')}", 2,
                "Failed to apply $mul operations");
    }

    @Test
    void minAndMax() {
        assertUpdate("{$min: {a: 1}}", "{_id: 1, a: 2}", "{_id: 1, a: 1}");
        assertUpdate("{$min: {a: 3}}", "{_id: 1, a: 2}", "{_id: 1, a: 2}");
        assertUpdate("{$max: {a: 3}}", "{_id: 1, a: 2}", "{_id: 1, a: 3}");
        assertUpdate("{$max: {a: 3}}", "{_id: 1}", "{_id: 1, a: 3}");
        assertUpdate("{$min: {a: null}}", "{_id: 1, a: 2}", "{_id: 1, a: null}");
        assertUpdate("{$max: {a: 'x'}}", "{_id: 1, a: 2}", "{_id: 1, a: 'x'}");
        assertUpdate("{$min: {a: 2.0}}", "{_id: 1, a: 2}", "{_id: 1, a: 2}");
    }

    @Test
    void rename() {
        assertUpdate("{$rename: {a: 'b'}}", "{_id: 1, a: 1, c: 2}", "{_id: 1, c: 2, b: 1}");
        assertUpdate("{$rename: {'a.b': 'c.d'}}", "{_id: 1, a: {b: 1, x: 2}}", "{_id: 1, a: {x: 2}, c: {d: 1}}");
        assertUpdate("{$rename: {a: 'b'}}", "{_id: 1, b: 1}", "{_id: 1, b: 1}");
        assertUpdate("{$rename: {a: 'b'}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 1}");
        assertApplyError("{$rename: {'a.0': 'b'}}", "{_id: 1, a: [1]}", 2, "The source field cannot be an array element");
        assertApplyError("{$rename: {a: 'b.0'}}", "{_id: 1, a: 1, b: [1]}", 2,
                "The destination field cannot be an array element");
        // MongoDB's RenameNode: a source path through a scalar is a missing source (no-op); a target path through
        // a scalar cannot be created (28 PathNotViable)
        assertUpdate("{$rename: {'a.b': 'c'}}", "{_id: 1, a: 5}", "{_id: 1, a: 5}");
        assertUpdate("{$rename: {'a.b.c': 'd'}}", "{_id: 1, a: {b: 'x'}}", "{_id: 1, a: {b: 'x'}}");
        assertApplyError("{$rename: {x: 'a.b'}}", "{_id: 1, x: 1, a: 5}", 28,
                "Cannot create field 'b' in element {a: 5}");
        U.assertCompileError("{$rename: {a: 1}}", 2, "The 'to' field for $rename must be a string: a: 1");
        U.assertCompileError("{$rename: {a: 'a'}}", 2, "The source and target field for $rename must differ");
        U.assertCompileError("{$rename: {a: 'a.b'}}", 2, "must not be on the same path");
        U.assertCompileError("{$rename: {'a.$': 'b'}}", 2, "The source field for $rename may not be dynamic");
        U.assertCompileError("{$rename: {a: 'b'}, $set: {b: 1}}", 40, "Updating the path 'b' would create a conflict");
        U.assertCompileError("{$rename: {a: 'b'}, $set: {a: 1}}", 40, "Updating the path 'a' would create a conflict");
    }

    @Test
    void setOnInsertAppliesOnlyOnUpsertInsert() {
        UpdateSpec spec = UpdateSpec.compile(doc("{$set: {a: 1}, $setOnInsert: {b: 2, 'c.d': 3}}"), null);
        assertThat(spec.apply(doc("{_id: 1}"), null, false).document()).isEqualTo(doc("{_id: 1, a: 1}"));
        assertThat(spec.apply(doc("{_id: 1}"), null, true).document())
                .isEqualTo(doc("{_id: 1, a: 1, b: 2, c: {d: 3}}"));
        assertThat(UpdateSpec.compile(doc("{$setOnInsert: {'a.b': 1}}"), null)
                .apply(doc("{_id: 1, a: 5}"), null, false).modified()).isFalse();
    }

    @Test
    void currentDate() {
        UpdateOutcome out = apply("{$currentDate: {a: true, b: {$type: 'timestamp'}, c: {$type: 'date'}}}",
                "{_id: 1}");
        assertThat(out.document().get("a")).isInstanceOf(BsonDateTime.class);
        assertThat(out.document().get("b")).isInstanceOf(BsonTimestamp.class);
        assertThat(out.document().get("c")).isInstanceOf(BsonDateTime.class);
        U.assertCompileError("{$currentDate: {a: 1}}", 2, "int is not valid type for $currentDate");
        U.assertCompileError("{$currentDate: {a: {$type: 'x'}}}", 2,
                "The '$type' string field is required to be 'date' or 'timestamp'");
        U.assertCompileError("{$currentDate: {a: {foo: 1}}}", 2, "Unrecognized $currentDate option: foo");
    }

    @Test
    void bit() {
        assertUpdate("{$bit: {a: {and: 6}}}", "{_id: 1, a: 3}", "{_id: 1, a: 2}");
        assertUpdate("{$bit: {a: {or: NumberLong(4)}}}", "{_id: 1, a: 3}", "{_id: 1, a: NumberLong(7)}");
        assertUpdate("{$bit: {a: {xor: 1}}}", "{_id: 1}", "{_id: 1, a: 1}");
        U.assertCompileError("{$bit: {a: {and: 1.5}}}", 2, "The $bit modifier field must be an Integer");
    }
}
