package io.jmongos.engine.update;

import static io.jmongos.engine.update.U.assertApplyError;
import static io.jmongos.engine.update.U.assertCompileError;
import static io.jmongos.engine.update.U.assertUpdate;

import org.junit.jupiter.api.Test;

class ArrayOperatorsTest {
    @Test
    void push() {
        assertUpdate("{$push: {a: 3}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, 3]}");
        assertUpdate("{$push: {a: 3}}", "{_id: 1}", "{_id: 1, a: [3]}");
        assertUpdate("{$push: {a: [3]}}", "{_id: 1, a: []}", "{_id: 1, a: [[3]]}");
        assertUpdate("{$push: {'a.b': 1}}", "{_id: 1}", "{_id: 1, a: {b: [1]}}");
        assertUpdate("{$push: {a: {$each: [3, 4]}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, 3, 4]}");
        assertUpdate("{$push: {a: {$each: [3], $position: 0}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [3, 1, 2]}");
        assertUpdate("{$push: {a: {$each: [3], $position: -1}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 3, 2]}");
        assertUpdate("{$push: {a: {$each: [3], $position: 10}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, 3]}");
        assertUpdate("{$push: {a: {$each: [5, 0], $sort: 1}}}", "{_id: 1, a: [3]}", "{_id: 1, a: [0, 3, 5]}");
        assertUpdate("{$push: {a: {$each: [5, 0], $sort: -1, $slice: 2}}}", "{_id: 1, a: [3]}",
                "{_id: 1, a: [5, 3]}");
        assertUpdate("{$push: {a: {$each: [5, 6], $slice: -2}}}", "{_id: 1, a: [3]}", "{_id: 1, a: [5, 6]}");
        assertUpdate("{$push: {a: {$each: [], $slice: 0}}}", "{_id: 1, a: [3]}", "{_id: 1, a: []}");
        assertUpdate("{$push: {a: {$each: [{s: 2, n: 'b'}], $sort: {s: -1}}}}", "{_id: 1, a: [{s: 1}, {s: 3}]}",
                "{_id: 1, a: [{s: 3}, {s: 2, n: 'b'}, {s: 1}]}");
        assertUpdate("{$push: {a: {$slice: 1}}}", "{_id: 1, a: []}", "{_id: 1, a: [{$slice: 1}]}");
    }

    @Test
    void pushSortByFieldOnMixedArrayKeepsScalarsInPlaceOfNull() {
        // MongoDB (PatternElementCmp): a scalar has no field, its key is null like a document missing the field;
        // the sort is stable, so scalars keep their order and sit where null sorts (before numbers)
        assertUpdate("{$push: {a: {$each: [{s: 0}], $sort: {s: 1}}}}", "{_id: 1, a: [{s: 2}, 9, {s: 1}, 'x', 3, {}]}",
                "{_id: 1, a: [9, 'x', 3, {}, {s: 0}, {s: 1}, {s: 2}]}");
        assertUpdate("{$push: {a: {$each: [], $sort: {s: -1}}}}", "{_id: 1, a: [5, {s: 1}, 1, {s: 'z'}]}",
                "{_id: 1, a: [{s: 'z'}, {s: 1}, 5, 1]}");
        // dotted keys reach array elements only by index; an array value compares as a whole array
        assertUpdate("{$push: {a: {$each: [], $sort: {'p.0': 1}}}}", "{_id: 1, a: [{p: [3]}, {p: [1, 9]}, {p: 2}]}",
                "{_id: 1, a: [{p: 2}, {p: [1, 9]}, {p: [3]}]}");
    }

    @Test
    void pushErrors() {
        assertApplyError("{$push: {a: 1}}", "{_id: 1, a: 1}", 2,
                "The field 'a' must be an array but is of type int in document {_id: 1}");
        assertCompileError("{$push: {a: {$each: 1}}}", 2, "The argument to $each in $push must be an array");
        assertCompileError("{$push: {a: {$each: [], $slice: 'x'}}}", 2, "The value for $slice must be an integral");
        assertCompileError("{$push: {a: {$each: [], $position: 1.5}}}", 2, "The value for $position must be an integer");
        assertCompileError("{$push: {a: {$each: [], $sort: 2}}}", 2, "The $sort element value must be either 1 or -1");
        assertCompileError("{$push: {a: {$each: [], $sort: {}}}}", 2, "The $sort pattern is empty");
        assertCompileError("{$push: {a: {$each: [], $foo: 1}}}", 2, "Unrecognized clause in $push: $foo");
    }

    @Test
    void addToSet() {
        assertUpdate("{$addToSet: {a: 2}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, 2]}");
        assertUpdate("{$addToSet: {a: 1}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1]}");
        assertUpdate("{$addToSet: {a: 1.0}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1]}");
        assertUpdate("{$addToSet: {a: {$each: [1, 2, 2, 3]}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, 2, 3]}");
        assertUpdate("{$addToSet: {a: {b: 1}}}", "{_id: 1}", "{_id: 1, a: [{b: 1}]}");
        assertUpdate("{$addToSet: {a: [1]}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, [1]]}");
        assertApplyError("{$addToSet: {a: 1}}", "{_id: 1, a: 5}", 2,
                "Cannot apply $addToSet to non-array field. Field named 'a' has non-array type int");
        assertCompileError("{$addToSet: {a: {$each: 1}}}", 2, "The argument to $each in $addToSet must be an array");
    }

    @Test
    void pop() {
        assertUpdate("{$pop: {a: 1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 2]}");
        assertUpdate("{$pop: {a: -1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [2, 3]}");
        assertUpdate("{$pop: {a: 1}}", "{_id: 1, a: []}", "{_id: 1, a: []}");
        assertUpdate("{$pop: {a: 1}}", "{_id: 1}", "{_id: 1}");
        assertApplyError("{$pop: {a: 1}}", "{_id: 1, a: 5}", 14, "Path 'a' contains an element of non-array type 'int'");
        assertCompileError("{$pop: {a: 2}}", 9, "$pop expects 1 or -1, found: 2");
        assertCompileError("{$pop: {a: 'x'}}", 9, "Expected a number in: a: \"x\"");
    }

    @Test
    void pull() {
        assertUpdate("{$pull: {a: 2}}", "{_id: 1, a: [1, 2, 3, 2]}", "{_id: 1, a: [1, 3]}");
        assertUpdate("{$pull: {a: {$gte: 2}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1]}");
        assertUpdate("{$pull: {a: {b: 1}}}", "{_id: 1, a: [{b: 1, c: 2}, {b: 2}, 1]}", "{_id: 1, a: [{b: 2}, 1]}");
        assertUpdate("{$pull: {a: {$in: ['x', 'y']}}}", "{_id: 1, a: ['x', 'z']}", "{_id: 1, a: ['z']}");
        assertUpdate("{$pull: {a: /^x/}}", "{_id: 1, a: ['xa', 'ya']}", "{_id: 1, a: ['ya']}");
        assertUpdate("{$pull: {a: [1]}}", "{_id: 1, a: [[1], 1]}", "{_id: 1, a: [1]}");
        assertUpdate("{$pull: {a: {b: {$gt: 1}, c: 'x'}}}", "{_id: 1, a: [{b: 2, c: 'x'}, {b: 2, c: 'y'}]}",
                "{_id: 1, a: [{b: 2, c: 'y'}]}");
        assertUpdate("{$pull: {a: 1}}", "{_id: 1}", "{_id: 1}");
        assertUpdate("{$pull: {'a.$[].b': 1}}", "{_id: 1, a: [{b: [1, 2]}, {b: [1]}]}",
                "{_id: 1, a: [{b: [2]}, {b: []}]}");
        assertApplyError("{$pull: {a: 1}}", "{_id: 1, a: 1}", 2, "Cannot apply $pull to a non-array value");
    }

    @Test
    void pullAll() {
        assertUpdate("{$pullAll: {a: [1, 3]}}", "{_id: 1, a: [1, 2, 3, 1.0]}", "{_id: 1, a: [2]}");
        assertCompileError("{$pullAll: {a: 1}}", 2, "$pullAll requires an array argument but was given a int");
    }
}
