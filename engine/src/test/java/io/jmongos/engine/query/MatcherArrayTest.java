package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.assertMatch;
import static io.jmongos.engine.query.Q.assertNoMatch;
import static io.jmongos.engine.query.Q.elemMatchKey;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatcherArrayTest {
    @Test
    void pathEndingInADotEndsAtAnArray() {
        // MongoDB's BSONElementIterator: after the array at 'a' the rest of "a." is the empty string, so the path
        // ends there (elements, then the array); on documents the empty component is a field named ""
        assertMatch("{'a.': {$exists: true}}", "{a: [1]}", "{a: []}", "{a: [{b: 1}]}", "{a: {'': 0}}");
        assertNoMatch("{'a.': {$exists: true}}", "{a: 1}", "{a: {b: 1}}", "{b: [1]}");
        assertMatch("{'a.': {$exists: false}}", "{a: 1}", "{a: {b: 1}}");
        assertNoMatch("{'a.': {$exists: false}}", "{a: [1]}", "{a: []}");
        assertMatch("{'a.': 2}", "{a: [1, 2]}", "{a: {'': 2}}");
        assertNoMatch("{'a.': 2}", "{a: 2}", "{a: [{'': 1}]}");
        assertMatch("{'a.': []}", "{a: []}");
        // two empty components leave "." after the array: array elements are entered as documents
        assertMatch("{'a..': 1}", "{a: [{'': {'': 1}}]}");
        assertNoMatch("{'a..': 1}", "{a: [1]}");
    }

    @Test
    void implicitTraversalIsOneLevelOnly() {
        assertMatch("{a: 2}", "{a: [1, 2]}", "{a: 2}");
        assertNoMatch("{a: 2}", "{a: [1, [2]]}", "{a: [[2]]}");
        assertMatch("{a: [2]}", "{a: [1, [2]]}", "{a: [2]}");
    }

    @Test
    void wholeArrayEqualityVersusElementEquality() {
        assertMatch("{a: [1, 2]}", "{a: [1, 2]}", "{a: [[1, 2], 3]}");
        assertNoMatch("{a: [1, 2]}", "{a: [2, 1]}", "{a: [1, 2, 3]}", "{a: 1}");
        assertMatch("{a: []}", "{a: []}", "{a: [[]]}");
        assertNoMatch("{a: []}", "{}", "{a: null}");
    }

    @Test
    void comparisonAgainstAnArrayValue() {
        assertMatch("{a: {$gt: [1]}}", "{a: [[2]]}", "{a: [1, 2]}");
        assertNoMatch("{a: {$gt: [1]}}", "{a: [0]}");
    }

    @Test
    void numericPathComponents() {
        assertMatch("{'a.0': 1}", "{a: [1]}", "{a: [{'0': 1}]}", "{a: {'0': 1}}");
        assertNoMatch("{'a.0': 1}", "{a: [9, 1]}", "{a: [[1]]}");
        assertMatch("{'a.1': {$gt: 8}}", "{a: [1, 9]}");
        assertMatch("{'a.0.b': 1}", "{a: [{b: 1}]}", "{a: [{b: [0, 1]}]}");
        assertNoMatch("{'a.1.b': 1}", "{a: [{b: 1}]}");
        assertMatch("{'a.0.0': 1}", "{a: [[1, 2]]}");
        assertMatch("{'a.0.b': 1}", "{a: [[{b: 1}]]}");
        assertNoMatch("{'a.01': 1}", "{a: [5, 1]}");
        assertMatch("{'a.b.1': 2}", "{a: [{b: [1, 2]}]}");
        assertMatch("{'a.0': {$exists: true}}", "{a: [0]}");
        assertNoMatch("{'a.3': {$exists: true}}", "{a: [0]}");
    }

    @Test
    void nestedArraysOfDocuments() {
        assertMatch("{'a.b.c': 1}", "{a: [{b: [{c: 1}]}]}", "{a: {b: [{c: [1]}]}}");
        assertNoMatch("{'a.b.c': 1}", "{a: [[{b: {c: 1}}]]}", "{a: [{b: [[{c: 1}]]}]}");
        assertMatch("{'a.b': 1}", "{a: [{b: 2}, {b: 1}]}");
    }

    @Test
    void elemMatchValue() {
        assertMatch("{a: {$elemMatch: {$gt: 1, $lt: 3}}}", "{a: [0, 2, 5]}");
        assertNoMatch("{a: {$elemMatch: {$gt: 1, $lt: 3}}}", "{a: [0, 5]}", "{a: 2}", "{a: [[2]]}");
        assertMatch("{a: {$gt: 1, $lt: 3}}", "{a: [0, 5]}");
        assertMatch("{a: {$elemMatch: {$eq: null}}}", "{a: [1, null]}");
        assertNoMatch("{a: {$elemMatch: {$eq: null}}}", "{a: null}", "{}", "{a: []}");
        assertMatch("{a: {$elemMatch: {$ne: null}}}", "{a: [[]]}", "{a: [1, null]}");
        assertMatch("{a: {$elemMatch: {$size: 2}}}", "{a: [[1, 2]]}");
        assertMatch("{a: {$elemMatch: {$not: {$gt: 5}}}}", "{a: [7, 3]}");
        assertNoMatch("{a: {$elemMatch: {$not: {$gt: 5}}}}", "{a: [7, 8]}");
        assertMatch("{a: {$elemMatch: {$regex: '^x'}}}", "{a: ['ax', 'xa']}");
        assertMatch("{a: {$elemMatch: {$in: [3, 4]}}}", "{a: [1, 4]}");
    }

    @Test
    void elemMatchObject() {
        assertMatch("{a: {$elemMatch: {b: 1, c: 2}}}", "{a: [{b: 1, c: 2}]}");
        assertNoMatch("{a: {$elemMatch: {b: 1, c: 2}}}", "{a: [{b: 1}, {c: 2}]}", "{a: {b: 1, c: 2}}");
        assertMatch("{'a.b': 1, 'a.c': 2}", "{a: [{b: 1}, {c: 2}]}");
        assertMatch("{a: {$elemMatch: {b: null}}}", "{a: [[]]}", "{a: [{c: 1}]}");
        assertNoMatch("{a: {$elemMatch: {b: null}}}", "{a: [1]}");
        assertMatch("{a: {$elemMatch: {'0': 1}}}", "{a: [[1, 2]]}");
        assertMatch("{a: {$elemMatch: {$or: [{b: 1}, {c: 1}]}}}", "{a: [{c: 1}]}");
        assertMatch("{a: {$elemMatch: {}}}", "{a: [{}]}", "{a: [[]]}");
        assertNoMatch("{a: {$elemMatch: {}}}", "{a: [1]}");
        assertMatch("{'a.b': {$elemMatch: {c: 1}}}", "{a: [{b: [{c: 1}]}]}");
        assertMatch("{a: {$elemMatch: {b: {$elemMatch: {c: 1}}}}}", "{a: [{b: [{c: 1}]}]}");
    }

    @Test
    void size() {
        assertMatch("{a: {$size: 2}}", "{a: [1, [2, 3]]}", "{a: [[], []]}");
        assertNoMatch("{a: {$size: 2}}", "{a: [[1, 2]]}", "{a: 2}", "{}", "{a: {b: 1, c: 2}}");
        assertMatch("{a: {$size: 0}}", "{a: []}");
        assertMatch("{'a.b': {$size: 1}}", "{a: [{b: [1]}, {b: 2}]}");
        assertMatch("{a: {$size: 2.0}}", "{a: [1, 2]}");
        assertMatch("{a: {$size: NumberLong(1)}}", "{a: [1]}");
    }

    @Test
    void all() {
        assertMatch("{a: {$all: [1, 2]}}", "{a: [2, 3, 1]}");
        assertNoMatch("{a: {$all: [1, 2]}}", "{a: [1]}", "{a: 1}");
        assertMatch("{a: {$all: [1]}}", "{a: 1}", "{a: [1]}");
        assertNoMatch("{a: {$all: []}}", "{a: []}", "{a: [1]}");
        assertMatch("{a: {$all: [[1, 2]]}}", "{a: [1, 2]}", "{a: [[1, 2], 3]}");
        assertMatch("{a: {$all: [/^a/, /b$/]}}", "{a: ['ab']}", "{a: ['ax', 'xb']}");
        assertMatch("{a: {$all: [{$elemMatch: {b: 1}}, {$elemMatch: {c: {$gt: 1}}}]}}",
                "{a: [{b: 1}, {c: 5}]}");
        assertNoMatch("{a: {$all: [{$elemMatch: {b: 1}}, {$elemMatch: {c: {$gt: 1}}}]}}", "{a: [{b: 1}]}");
        assertMatch("{a: {$all: [null]}}", "{}");
    }

    @Test
    void elemMatchKeyRecordsTheOutermostArrayPosition() {
        assertThat(elemMatchKey("{a: 2}", "{a: [1, 2]}")).isEqualTo("1");
        assertThat(elemMatchKey("{'a.b': 5}", "{a: [{b: 1}, {b: 5}]}")).isEqualTo("1");
        assertThat(elemMatchKey("{'a.b': 2}", "{a: [{b: [1, 2]}, {b: 3}]}")).isEqualTo("0");
        assertThat(elemMatchKey("{a: {$elemMatch: {b: 2}}}", "{a: [{b: 1}, {b: 2}]}")).isEqualTo("1");
        assertThat(elemMatchKey("{a: [1, 2]}", "{a: [1, 2]}")).isNull();
        assertThat(elemMatchKey("{a: 1}", "{a: 1}")).isNull();
        assertThat(elemMatchKey("{'a.1': 2}", "{a: [1, 2]}")).isNull();
        assertThat(elemMatchKey("{'a.1.b': 2}", "{a: [{b: 1}, {b: [0, 2]}]}")).isEqualTo("1");
        assertThat(elemMatchKey("{a: 2, b: 'x'}", "{a: [1, 2], b: ['y', 'x', 'z']}")).isEqualTo("1");
        assertThat(elemMatchKey("{b: 'z', a: 1}", "{a: [1, 2], b: ['y', 'x', 'z']}")).isEqualTo("0");
        assertThat(elemMatchKey("{$or: [{a: 2}]}", "{a: [1, 2]}")).isNull();
    }
}
