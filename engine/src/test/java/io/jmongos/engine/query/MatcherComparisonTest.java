package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.assertMatch;
import static io.jmongos.engine.query.Q.assertNoMatch;

import org.junit.jupiter.api.Test;

class MatcherComparisonTest {
    @Test
    void emptyFilterMatchesEverything() {
        assertMatch("{}", "{}", "{a: 1}");
    }

    @Test
    void equalityAcrossNumericTypes() {
        assertMatch("{a: 1}", "{a: 1}", "{a: 1.0}", "{a: NumberLong(1)}", "{a: NumberDecimal('1.000')}");
        assertMatch("{a: NumberDecimal('1')}", "{a: 1}", "{a: 1.0}");
        assertMatch("{a: NumberLong('9007199254740993')}", "{a: NumberLong('9007199254740993')}");
        assertNoMatch("{a: NumberLong('9007199254740993')}", "{a: 9007199254740992.0}");
        assertNoMatch("{a: 1}", "{a: '1'}", "{a: true}", "{a: 1.5}", "{a: [[1]]}");
    }

    @Test
    void typeBracketing() {
        assertMatch("{a: {$gt: 5}}", "{a: 6}", "{a: 5.5}", "{a: [1, 7]}");
        assertNoMatch("{a: {$gt: 5}}", "{a: 'abc'}", "{a: {b: 1}}", "{a: null}", "{}", "{a: true}",
                "{a: [1, 'z']}", "{a: MaxKey}");
        assertMatch("{a: {$lt: 'b'}}", "{a: 'a'}", "{a: ''}");
        assertNoMatch("{a: {$lt: 'b'}}", "{a: 1}", "{a: null}");
        assertMatch("{a: {$gte: ISODate('2020-01-01T00:00:00Z')}}", "{a: ISODate('2021-01-01T00:00:00Z')}");
        assertNoMatch("{a: {$gte: ISODate('2020-01-01T00:00:00Z')}}", "{a: Timestamp(1, 1)}", "{a: 5}");
    }

    @Test
    void minKeyAndMaxKeyBoundEverything() {
        assertMatch("{a: {$lt: MaxKey}}", "{a: 1}", "{a: 'x'}", "{a: null}");
        assertMatch("{a: {$gt: MinKey}}", "{a: 1}", "{a: {}}");
        assertNoMatch("{a: {$gt: MaxKey}}", "{a: 1}");
        assertMatch("{a: {$lte: MaxKey}}", "{a: MaxKey}");
    }

    @Test
    void nanEqualsOnlyNaN() {
        assertMatch("{a: NaN}", "{a: NaN}", "{a: NumberDecimal('NaN')}");
        assertNoMatch("{a: NaN}", "{a: 1}");
        assertNoMatch("{a: {$lt: 1}}", "{a: NaN}");
        assertNoMatch("{a: {$gt: NaN}}", "{a: 1}", "{a: NaN}");
        assertMatch("{a: {$gte: NaN}}", "{a: NaN}");
    }

    @Test
    void nullMatchesNullAndMissingButNotUndefined() {
        assertMatch("{a: null}", "{a: null}", "{}", "{b: 1}", "{a: [1, null]}");
        assertNoMatch("{a: null}", "{a: 0}", "{a: []}", "{a: [[]]}", "{a: undefined}", "{a: false}");
        assertMatch("{a: {$gte: null}}", "{}", "{a: null}");
        assertMatch("{a: {$lte: null}}", "{}");
        assertNoMatch("{a: {$gt: null}}", "{}", "{a: null}", "{a: 1}");
        assertNoMatch("{a: {$lt: null}}", "{}", "{a: null}");
    }

    @Test
    void dottedNullSemantics() {
        assertMatch("{'a.b': null}", "{}", "{a: null}", "{a: 4}", "{a: {}}", "{a: {b: null}}",
                "{a: [{}]}", "{a: [{}, {b: 5}]}", "{a: [{b: null}, {b: 3}]}");
        assertNoMatch("{'a.b': null}", "{a: [{b: 5}]}", "{a: []}", "{a: [5, {b: 5}]}", "{a: [null, null]}",
                "{a: [[]]}", "{a: {b: 'hi'}}");
    }

    @Test
    void notEqualIsNegationOverTheWholePath() {
        assertMatch("{a: {$ne: 1}}", "{a: 2}", "{}", "{a: [2, 3]}", "{a: '1'}");
        assertNoMatch("{a: {$ne: 1}}", "{a: 1}", "{a: [2, 1]}", "{a: 1.0}");
        assertMatch("{a: {$ne: null}}", "{a: 1}", "{a: []}", "{a: [1, 2]}");
        assertNoMatch("{a: {$ne: null}}", "{}", "{a: null}", "{a: [1, null]}");
        assertMatch("{'a.b': {$ne: null}}", "{a: [[]]}", "{a: []}", "{a: [null, null]}", "{a: {b: 'hi'}}");
        assertNoMatch("{'a.b': {$ne: null}}", "{a: [{b: 3}, {}]}", "{a: 4}");
    }

    @Test
    void inAndNin() {
        assertMatch("{a: {$in: [1, 'x']}}", "{a: 1.0}", "{a: 'x'}", "{a: [5, 'x']}");
        assertNoMatch("{a: {$in: [1, 'x']}}", "{a: 2}", "{}", "{a: []}");
        assertMatch("{a: {$in: [null, 75]}}", "{}", "{a: null}", "{a: [1, null]}");
        assertMatch("{a: {$in: [/^ab/i, 3]}}", "{a: 'ABc'}", "{a: 3}", "{a: ['zz', 'abz']}");
        assertNoMatch("{a: {$in: []}}", "{a: 1}", "{}");
        assertMatch("{a: {$nin: [1, 2]}}", "{a: 3}", "{}", "{a: [3, 4]}");
        assertNoMatch("{a: {$nin: [1, 2]}}", "{a: 1}", "{a: [3, 2]}");
        assertNoMatch("{a: {$nin: [null]}}", "{}", "{a: null}");
        assertMatch("{a: {$in: [[1, 2]]}}", "{a: [1, 2]}", "{a: [[1, 2], 3]}");
        assertMatch("{a: {$in: [{b: 1}]}}", "{a: {b: 1.0}}");
        assertNoMatch("{a: {$in: [{b: 1}]}}", "{a: {b: 1, c: 1}}");
    }

    @Test
    void documentEqualityIsOrderSensitive() {
        assertMatch("{a: {b: 1, c: 2}}", "{a: {b: 1, c: 2}}", "{a: [{b: 1, c: 2}]}");
        assertNoMatch("{a: {b: 1, c: 2}}", "{a: {c: 2, b: 1}}", "{a: {b: 1}}");
    }

    @Test
    void dbRefIsAnEqualityNotAnOperator() {
        assertMatch("{a: {$ref: 'c', $id: 1}}", "{a: {$ref: 'c', $id: 1}}");
        assertNoMatch("{a: {$ref: 'c', $id: 1}}", "{a: {$ref: 'c', $id: 2}}");
    }

    @Test
    void regexExplicitEqualityComparesTheRegexValue() {
        assertMatch("{a: {$eq: /ab/}}", "{a: /ab/}");
        assertNoMatch("{a: {$eq: /ab/}}", "{a: 'ab'}");
        assertMatch("{a: /ab/}", "{a: 'xaby'}", "{a: /ab/}");
    }

    @Test
    void stringsCompareByUtf8Bytes() {
        assertMatch("{a: {$gt: '\uffff'}}", "{a: '\ud83d\ude00'}");
        assertMatch("{a: {$gt: 'a'}}", "{a: 'b'}", "{a: 'aa'}");
        assertNoMatch("{a: {$gt: 'a'}}", "{a: 'A'}");
    }
}
