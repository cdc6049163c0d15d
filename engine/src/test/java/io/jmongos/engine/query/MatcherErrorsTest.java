package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.assertCompileError;

import org.junit.jupiter.api.Test;

class MatcherErrorsTest {
    @Test
    void unknownOperators() {
        assertCompileError("{a: {$foo: 1}}", 2, "unknown operator: $foo");
        assertCompileError("{a: {$gt: 1, b: 1}}", 2, "unknown operator: b");
        assertCompileError("{$foo: 1}", 2, "unknown top level operator: $foo");
        assertCompileError("{a: {$where: 'x'}}", 2, "$where cannot be applied to a field");
    }

    @Test
    void logicalOperators() {
        assertCompileError("{$and: []}", 2, "$and/$or/$nor must be a nonempty array");
        assertCompileError("{$or: {a: 1}}", 2, "$and/$or/$nor must be a nonempty array");
        assertCompileError("{$nor: [1]}", 2, "$or/$and/$nor entries need to be full objects");
        assertCompileError("{a: {$not: 1}}", 2, "$not needs a regex or a document");
        assertCompileError("{a: {$not: {}}}", 2, "$not cannot be empty");
    }

    @Test
    void comparisonArguments() {
        assertCompileError("{a: {$in: 1}}", 2, "$in needs an array");
        assertCompileError("{a: {$nin: {}}}", 2, "$nin needs an array");
        assertCompileError("{a: {$in: [{$gt: 1}]}}", 2, "cannot nest $ under $in");
        assertCompileError("{a: {$ne: /x/}}", 2, "Can't have regex as arg to $ne.");
        assertCompileError("{a: {$gt: /x/}}", 2, "Can't have RegEx as arg to predicate over field 'a'.");
        assertCompileError("{a: undefined}", 2, "cannot compare to undefined");
    }

    @Test
    void elementAndArrayArguments() {
        assertCompileError("{a: {$type: 'foo'}}", 2, "Unknown type name alias: foo");
        assertCompileError("{a: {$type: 100}}", 2, "Invalid numerical type code: 100");
        assertCompileError("{a: {$type: {}}}", 14, "type must be represented as a number or a string");
        assertCompileError("{a: {$type: []}}", 9, "a must match at least one type");
        assertCompileError("{a: {$size: 'x'}}", 2, "$size needs a number");
        assertCompileError("{a: {$size: -1}}", 2, "$size may not be negative");
        assertCompileError("{a: {$size: 1.5}}", 2, "$size must be a whole number");
        assertCompileError("{a: {$all: 1}}", 2, "$all needs an array");
        assertCompileError("{a: {$all: [{$elemMatch: {b: 1}}, 5]}}", 2, "$all/$elemMatch has to be consistent");
        assertCompileError("{a: {$all: [1, {$gt: 5}]}}", 2, "no $ expressions in $all");
        assertCompileError("{a: {$elemMatch: 1}}", 2, "$elemMatch needs an Object");
        assertCompileError("{a: {$elemMatch: {$where: 'x'}}}", 2, "$elemMatch cannot contain $where expression");
        assertCompileError("{a: {$elemMatch: {$expr: {$eq: [1, 1]}}}}", 2,
                "$expr can only be applied to the top-level document");
    }

    @Test
    void evaluationArguments() {
        assertCompileError("{a: {$mod: 1}}", 2, "malformed mod, needs to be an array");
        assertCompileError("{a: {$mod: [1]}}", 2, "malformed mod, not enough elements");
        assertCompileError("{a: {$mod: [1, 2, 3]}}", 2, "malformed mod, too many elements");
        assertCompileError("{a: {$mod: ['x', 2]}}", 2, "malformed mod, divisor not a number");
        assertCompileError("{a: {$mod: [2, 'x']}}", 2, "malformed mod, remainder not a number");
        assertCompileError("{a: {$mod: [0, 1]}}", 2, "divisor cannot be 0");
        assertCompileError("{a: {$regex: 1}}", 2, "$regex has to be a string");
        assertCompileError("{a: {$options: 'i'}}", 2, "$options needs a $regex");
        assertCompileError("{a: {$regex: 'x', $options: 1}}", 2, "$options has to be a string");
        assertCompileError("{a: {$regex: /x/i, $options: 'm'}}", 51075, "options set in both $regex and $options");
        assertCompileError("{a: {$options: 'm', $regex: /x/i}}", 51074, "options set in both $regex and $options");
        assertCompileError("{a: {$regex: 'x', $options: 'q'}}", 51108, "invalid flag in regex options: q");
        assertCompileError("{a: {$regex: '('}}", 51091, "Regular expression is invalid");
        assertCompileError("{a: {$bitsAllSet: 'x'}}", 2, "$bitsAllSet takes an Array, a number, or a BinData");
        assertCompileError("{a: {$bitsAllSet: [-1]}}", 2, "bit positions must be >= 0");
        assertCompileError("{$alwaysTrue: 2}", 9, "$alwaysTrue must be an integer value of 1");
    }

    @Test
    void unsupportedFeaturesSayNotImplemented() {
        assertCompileError("{$where: 'this.a == 1'}", 238, "$where is not supported");
        assertCompileError("{$text: {$search: 'x'}}", 238, "$text is not supported");
        assertCompileError("{$jsonSchema: {}}", 238, "$jsonSchema is not supported");
        assertCompileError("{a: {$geoWithin: {}}}", 238, "$geoWithin is not supported");
        assertCompileError("{a: {$near: [0, 0]}}", 238, "$near is not supported");
    }
}
