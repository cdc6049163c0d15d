package io.jmongos.engine.update;

import static io.jmongos.engine.update.U.assertApplyError;
import static io.jmongos.engine.update.U.assertCompileError;

import org.junit.jupiter.api.Test;

class UpdateErrorsTest {
    @Test
    void unknownAndMalformedModifiers() {
        assertCompileError("{$foo: {a: 1}}", 9, "Unknown modifier: $foo. Expected a valid update modifier or "
                + "pipeline-style update specified as an array");
        assertCompileError("{$set: {a: 1}, b: 2}", 9, "Unknown modifier: b");
        assertCompileError("{$set: 5}", 9, "Modifiers operate on fields but we found type int instead. For example: "
                + "{$mod: {<field>: ...}} not {$set: 5}");
        assertCompileError("{$set: {'': 1}}", 56, "An empty update path is not valid.");
        assertCompileError("{$set: {'a..b': 1}}", 56, "The update path 'a..b' contains an empty field name");
        assertCompileError("{$set: {'$a': 1}}", 52, "The dollar ($) prefixed field '$a' in '$a' is not valid");
        assertCompileError("{a: 1, $set: {b: 1}}", 52, "The dollar ($) prefixed field '$set' in '$set' is not "
                + "allowed in the context of an update's replacement document");
        assertCompileError("[{$group: {_id: 1}}]", 72, "$group is not allowed to be used within an update");
    }

    @Test
    void conflictingPaths() {
        assertCompileError("{$set: {a: 1}, $inc: {a: 1}}", 40, "Updating the path 'a' would create a conflict at 'a'");
        assertCompileError("{$set: {a: 1, 'a.b': 1}}", 40, "Updating the path 'a.b' would create a conflict at 'a'");
        assertCompileError("{$set: {'a.b': 1}, $unset: {a: 1}}", 40,
                "Updating the path 'a' would create a conflict at 'a'");
        assertCompileError("{$set: {'a.b.c': 1}, $push: {'a.b': 1}}", 40,
                "Updating the path 'a.b' would create a conflict at 'a.b'");
        assertCompileError("{$set: {'a.$[]': 1, 'a.$[].b': 1}}", 40, "would create a conflict at 'a.$[]'");
    }

    @Test
    void idIsImmutable() {
        assertApplyError("{$set: {_id: 2}}", "{_id: 1}", 66,
                "Performing an update on the path '_id' would modify the immutable field '_id'");
        assertApplyError("{$unset: {_id: 1}}", "{_id: 1}", 66, "would modify the immutable field '_id'");
        assertApplyError("{$set: {'_id.a': 2}}", "{_id: {a: 1}}", 66, "would modify the immutable field '_id'");
        assertApplyError("{$inc: {_id: 1}}", "{_id: 1}", 66, "immutable field '_id'");
        assertApplyError("{_id: 2, a: 1}", "{_id: 1}", 66,
                "After applying the update, the (immutable) field '_id' was found to have been altered to _id: 2");
        U.assertUpdate("{$set: {_id: 1, a: 1}}", "{_id: 1}", "{_id: 1, a: 1}");
    }

    @Test
    void failedUpdateLeavesOriginalUnchanged() {
        assertApplyError("{$set: {a: 1, 'b.c': 1}}", "{_id: 1, b: 5}", 28, "Cannot create field 'c'");
        assertApplyError("{$set: {z: 1}, $inc: {a: 1}}", "{_id: 1, a: 'x', z: 0}", 14, "non-numeric");
        assertApplyError("{$push: {'x.y': 1}, $pop: {a: 1}}", "{_id: 1, a: {b: 1}}", 14, "non-array type");
    }
}
