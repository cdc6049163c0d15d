package io.jmongos.engine.agg.expr;

import static io.jmongos.engine.agg.expr.ExprTestSupport.eval;
import static io.jmongos.engine.agg.expr.ExprTestSupport.failsWith;
import static io.jmongos.engine.agg.expr.ExprTestSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

class ArrayExpressionTest {
    @Test
    void accessAndSize() {
        assertThat(eval("{$size: '$a'}", "{a: [1, 2, 3]}")).isEqualTo(v("3"));
        failsWith(17124, "{$size: 'x'}").hasMessage("The argument to $size must be an array. Type of argument is: "
                + "string");
        failsWith(17124, "{$size: '$m'}").hasMessageEndingWith("missing");
        assertThat(eval("{$arrayElemAt: [[1, 2, 3], -1]}")).isEqualTo(v("3"));
        assertThat(eval("{$arrayElemAt: [[1, 2, 3], 5]}")).isNull();
        failsWith(28689, "{$arrayElemAt: ['x', 0]}");
        failsWith(28691, "{$arrayElemAt: [[1], 1.5]}");
        assertThat(eval("{$first: [[4, 5]]}")).isEqualTo(v("4"));
        assertThat(eval("{$last: '$a'}", "{a: [4, 5]}")).isEqualTo(v("5"));
        assertThat(eval("{$first: '$m'}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$isArray: [[1]]}")).isEqualTo(v("true"));
        assertThat(eval("{$isArray: 'a'}")).isEqualTo(v("false"));
        assertThat(eval("{$in: [2, [1, 2.0]]}")).isEqualTo(v("true"));
        failsWith(40081, "{$in: [1, 'x']}");
    }

    @Test
    void buildingArrays() {
        assertThat(eval("{$concatArrays: [[1], [2, 3], []]}")).isEqualTo(v("[1, 2, 3]"));
        assertThat(eval("{$concatArrays: [[1], '$m']}")).isEqualTo(BsonNull.VALUE);
        failsWith(28664, "{$concatArrays: [[1], 2]}");
        assertThat(eval("{$slice: [[1, 2, 3, 4], 2]}")).isEqualTo(v("[1, 2]"));
        assertThat(eval("{$slice: [[1, 2, 3, 4], -2]}")).isEqualTo(v("[3, 4]"));
        assertThat(eval("{$slice: [[1, 2, 3, 4], 1, 2]}")).isEqualTo(v("[2, 3]"));
        assertThat(eval("{$slice: [[1, 2, 3, 4], -3, 2]}")).isEqualTo(v("[2, 3]"));
        failsWith(28729, "{$slice: [[1], 0, 0]}");
        failsWith(28724, "{$slice: ['x', 1]}");
        assertThat(eval("{$range: [0, 5, 2]}")).isEqualTo(v("[0, 2, 4]"));
        assertThat(eval("{$range: [5, 0, -2]}")).isEqualTo(v("[5, 3, 1]"));
        failsWith(34449, "{$range: [0, 5, 0]}");
        assertThat(eval("{$reverseArray: [[1, 2]]}")).isEqualTo(v("[2, 1]"));
        assertThat(eval("{$indexOfArray: [[1, 2, 3, 2], 2, 2]}")).isEqualTo(v("3"));
        assertThat(eval("{$indexOfArray: [[1], 9]}")).isEqualTo(v("-1"));
        assertThat(eval("{$zip: {inputs: [[1, 2], ['a']]}}")).isEqualTo(v("[[1, 'a']]"));
        assertThat(eval("{$zip: {inputs: [[1, 2], ['a']], useLongestLength: true, defaults: [0, 'z']}}"))
                .isEqualTo(v("[[1, 'a'], [2, 'z']]"));
    }

    @Test
    void iteration() {
        assertThat(eval("{$map: {input: '$a', as: 'x', in: {$multiply: ['$$x', 2]}}}", "{a: [1, 2]}"))
                .isEqualTo(v("[2, 4]"));
        assertThat(eval("{$map: {input: '$a', in: {$add: ['$$this', '$k']}}}", "{a: [1], k: 10}"))
                .isEqualTo(v("[11]"));
        assertThat(eval("{$map: {input: '$m', in: 1}}")).isEqualTo(BsonNull.VALUE);
        failsWith(16883, "{$map: {input: 1, in: 1}}");
        failsWith(16882, "{$map: {input: []}}");
        assertThat(eval("{$filter: {input: [1, 2, 3, 4], cond: {$gt: ['$$this', 1]}, limit: 2}}"))
                .isEqualTo(v("[2, 3]"));
        assertThat(eval("{$filter: {input: [1, 2], as: 'n', cond: {$eq: ['$$n', 2]}}}")).isEqualTo(v("[2]"));
        failsWith(28651, "{$filter: {input: 'x', cond: true}}");
        failsWith(327392, "{$filter: {input: [1], cond: true, limit: 0}}");
        assertThat(eval("{$reduce: {input: [1, 2, 3], initialValue: 0, in: {$add: ['$$value', '$$this']}}}"))
                .isEqualTo(v("6"));
        assertThat(eval("{$reduce: {input: [[1], [2]], initialValue: [], in: {$concatArrays: ['$$value', "
                + "'$$this']}}}")).isEqualTo(v("[1, 2]"));
        failsWith(40080, "{$reduce: {input: 1, initialValue: 0, in: 1}}");
        failsWith(40078, "{$reduce: {input: [], in: 1}}");
        failsWith(17276, "{$map: {input: [1], as: 'x', in: '$$y'}}");
    }

    @Test
    void accumulatorExpressionsAndSortArray() {
        assertThat(eval("{$sum: '$a'}", "{a: [1, 2.5, 'x']}")).isEqualTo(v("3.5"));
        assertThat(eval("{$sum: [1, 2, '$m']}")).isEqualTo(v("3"));
        assertThat(eval("{$sum: 'abc'}")).isEqualTo(v("0"));
        assertThat(eval("{$avg: [[1, 2, 'x']]}")).isEqualTo(v("1.5"));
        assertThat(eval("{$avg: [[]]}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$max: [[1, 5, null]]}")).isEqualTo(v("5"));
        assertThat(eval("{$min: [4, '$m', 2]}")).isEqualTo(v("2"));
        assertThat(eval("{$stdDevPop: [[2, 4]]}")).isEqualTo(v("1.0"));
        assertThat(eval("{$sortArray: {input: [3, 1, 2], sortBy: -1}}")).isEqualTo(v("[3, 2, 1]"));
        assertThat(eval("{$sortArray: {input: [{a: 2}, {a: 1}], sortBy: {a: 1}}}")).isEqualTo(v("[{a: 1}, {a: 2}]"));
        assertThat(eval("{$firstN: {input: [1, 2, 3], n: 2}}")).isEqualTo(v("[1, 2]"));
        assertThat(eval("{$lastN: {input: [1, 2, 3], n: 2}}")).isEqualTo(v("[2, 3]"));
        assertThat(eval("{$maxN: {input: [1, null, 3, 2], n: 2}}")).isEqualTo(v("[3, 2]"));
        failsWith(5787908, "{$minN: {input: [1], n: 0}}");
    }

    @Test
    void setsAndObjects() {
        assertThat(eval("{$setUnion: [[1, 2], [2.0, 3]]}")).isEqualTo(v("[1, 2, 3]"));
        assertThat(eval("{$setIntersection: [[1, 2, 3], [3, 1]]}")).isEqualTo(v("[1, 3]"));
        assertThat(eval("{$setDifference: [[1, 2, 3], [2]]}")).isEqualTo(v("[1, 3]"));
        assertThat(eval("{$setEquals: [[1, 2], [2, 1, 1]]}")).isEqualTo(v("true"));
        assertThat(eval("{$setIsSubset: [[1], [1, 2]]}")).isEqualTo(v("true"));
        assertThat(eval("{$allElementsTrue: [[1, true]]}")).isEqualTo(v("true"));
        assertThat(eval("{$anyElementTrue: [[0, false]]}")).isEqualTo(v("false"));
        failsWith(17043, "{$setUnion: [[1], 2]}");
        assertThat(eval("{$mergeObjects: [{a: 1, b: 1}, null, {b: 2}]}")).isEqualTo(v("{a: 1, b: 2}"));
        failsWith(40400, "{$mergeObjects: [1]}");
        assertThat(eval("{$objectToArray: {a: 1}}")).isEqualTo(v("[{k: 'a', v: 1}]"));
        assertThat(eval("{$arrayToObject: [[['a', 1], ['b', 2]]]}")).isEqualTo(v("{a: 1, b: 2}"));
        assertThat(eval("{$arrayToObject: [[{k: 'a', v: 1}]]}")).isEqualTo(v("{a: 1}"));
        failsWith(40397, "{$arrayToObject: [[['a']]]}");
        assertThat(eval("{$getField: 'a.b'}", "{'a.b': 3}")).isEqualTo(v("3"));
        assertThat(eval("{$getField: {field: 'x', input: {x: 1}}}")).isEqualTo(v("1"));
        assertThat(eval("{$setField: {field: 'x', input: {y: 1}, value: 2}}")).isEqualTo(v("{y: 1, x: 2}"));
        assertThat(eval("{$unsetField: {field: 'y', input: {y: 1, z: 1}}}")).isEqualTo(v("{z: 1}"));
    }
}
