package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.assertMatch;
import static io.jmongos.engine.query.Q.assertNoMatch;

import org.junit.jupiter.api.Test;

class MatcherOperatorsTest {
    @Test
    void logical() {
        assertMatch("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 2}");
        assertNoMatch("{$and: [{a: 1}, {b: 2}]}", "{a: 1}");
        assertMatch("{$or: [{a: 1}, {b: 2}]}", "{a: 1}", "{b: 2}");
        assertNoMatch("{$or: [{a: 1}, {b: 2}]}", "{a: 2}");
        assertMatch("{$nor: [{a: 1}, {b: 2}]}", "{a: 2}", "{}");
        assertNoMatch("{$nor: [{a: 1}, {b: 2}]}", "{b: 2}");
        assertMatch("{a: 1, $or: [{b: 1}, {c: 1}], $and: [{d: {$exists: false}}]}", "{a: 1, c: 1}");
    }

    @Test
    void not() {
        assertMatch("{a: {$not: {$gt: 5}}}", "{a: 3}", "{}", "{a: 'x'}", "{a: [1, 2]}");
        assertNoMatch("{a: {$not: {$gt: 5}}}", "{a: 6}", "{a: [1, 6]}");
        assertMatch("{a: {$not: /^x/}}", "{a: 'ya'}", "{}");
        assertNoMatch("{a: {$not: /^x/}}", "{a: 'xa'}");
        assertMatch("{a: {$not: {$regex: '^x', $options: 'i'}}}", "{a: 'ya'}");
        assertNoMatch("{a: {$not: {$regex: '^x', $options: 'i'}}}", "{a: 'Xa'}");
        assertMatch("{a: {$not: {$gt: 1, $lt: 5}}}", "{a: 7}");
        assertNoMatch("{a: {$not: {$gt: 1, $lt: 5}}}", "{a: 3}");
        assertMatch("{a: {$not: {$gte: null}}}", "{a: []}", "{a: 4}");
        assertNoMatch("{a: {$not: {$gte: null}}}", "{}", "{a: null}");
    }

    @Test
    void exists() {
        assertMatch("{a: {$exists: true}}", "{a: null}", "{a: []}", "{a: 0}");
        assertNoMatch("{a: {$exists: true}}", "{}", "{b: 1}");
        assertMatch("{a: {$exists: false}}", "{}");
        assertMatch("{a: {$exists: 0}}", "{}");
        assertNoMatch("{a: {$exists: false}}", "{a: null}");
        assertMatch("{'a.b': {$exists: true}}", "{a: [{c: 1}, {b: 1}]}", "{a: {b: null}}");
        assertNoMatch("{'a.b': {$exists: true}}", "{a: [1, 2]}", "{a: [{c: 1}]}", "{a: 5}");
        assertMatch("{'a.b': {$exists: false}}", "{a: {}}", "{a: 4}", "{a: [1]}");
        assertNoMatch("{'a.b': {$exists: false}}", "{a: [{b: 1}, {c: 2}]}");
    }

    @Test
    void type() {
        assertMatch("{a: {$type: 'string'}}", "{a: 'x'}", "{a: [1, 'x']}");
        assertNoMatch("{a: {$type: 'string'}}", "{a: 1}", "{}");
        assertMatch("{a: {$type: 2}}", "{a: 'x'}");
        assertMatch("{a: {$type: 2.0}}", "{a: 'x'}");
        assertMatch("{a: {$type: 'number'}}", "{a: 1}", "{a: NumberLong(1)}", "{a: 1.5}", "{a: NumberDecimal('1')}");
        assertNoMatch("{a: {$type: 'number'}}", "{a: '1'}");
        assertMatch("{a: {$type: 'array'}}", "{a: []}", "{a: [[1]]}", "{a: [1]}");
        assertNoMatch("{a: {$type: 'array'}}", "{a: 1}");
        assertMatch("{a: {$type: ['int', 'bool']}}", "{a: true}", "{a: 1}");
        assertNoMatch("{a: {$type: ['int', 'bool']}}", "{a: 1.0}");
        assertMatch("{a: {$type: 'null'}}", "{a: null}");
        assertNoMatch("{a: {$type: 'null'}}", "{}");
        assertMatch("{a: {$type: -1}}", "{a: MinKey}");
        assertMatch("{a: {$type: 'maxKey'}}", "{a: MaxKey}");
        assertMatch("{a: {$type: 'object'}}", "{a: {}}");
        assertMatch("{a: {$type: 'long'}}", "{a: NumberLong(5)}");
    }

    @Test
    void regex() {
        assertMatch("{a: {$regex: 'b.d'}}", "{a: 'abcde'}", "{a: ['x', 'bxd']}");
        assertNoMatch("{a: {$regex: 'b.d'}}", "{a: 'ab\\nd'}", "{a: 5}", "{}");
        assertMatch("{a: {$regex: 'b.d', $options: 's'}}", "{a: 'ab\\nd'}");
        assertMatch("{a: {$regex: '^B', $options: 'i'}}", "{a: 'bat'}");
        assertMatch("{a: {$options: 'i', $regex: '^B'}}", "{a: 'bat'}");
        assertMatch("{a: {$regex: /^B/i}}", "{a: 'bat'}");
        assertMatch("{a: {$regex: /^B/, $options: 'i'}}", "{a: 'bat'}");
        assertMatch("{a: {$regex: '^x$', $options: 'm'}}", "{a: 'a\\nx\\nb'}");
        assertNoMatch("{a: {$regex: '^x$'}}", "{a: 'a\\nx\\nb'}");
        assertMatch("{a: {$regex: 'a b # comment', $options: 'x'}}", "{a: 'ab'}");
        assertMatch("{a: /[[:digit:]]+/}", "{a: 'x12'}");
        assertMatch("{a: /a{/}", "{a: 'a{'}");
        assertMatch("{a: /^\\d{2}$/}", "{a: '12'}");
        assertMatch("{a: /x/}", "{a: {$symbol: 'axb'}}");
        assertMatch("{a: /\u00e9/i}", "{a: '\u00c9'}");
    }

    @Test
    void mod() {
        assertMatch("{a: {$mod: [4, 0]}}", "{a: 8}", "{a: NumberLong(12)}", "{a: 8.9}", "{a: [1, 4]}");
        assertNoMatch("{a: {$mod: [4, 0]}}", "{a: 7}", "{a: '8'}", "{}", "{a: NaN}");
        assertMatch("{a: {$mod: [4, -1]}}", "{a: -5}");
        assertMatch("{a: {$mod: [4.5, 1]}}", "{a: 5}");
    }

    @Test
    void bits() {
        assertMatch("{a: {$bitsAllSet: [0, 2]}}", "{a: 5}", "{a: 7.0}");
        assertNoMatch("{a: {$bitsAllSet: [0, 2]}}", "{a: 4}", "{a: 5.5}", "{a: 'x'}");
        assertMatch("{a: {$bitsAllSet: 5}}", "{a: 13}");
        assertMatch("{a: {$bitsAnySet: [1, 3]}}", "{a: 8}");
        assertMatch("{a: {$bitsAllClear: [1, 3]}}", "{a: 5}");
        assertMatch("{a: {$bitsAnyClear: [0, 1]}}", "{a: 1}");
        assertMatch("{a: {$bitsAllSet: [100]}}", "{a: -1}");
        assertMatch("{a: {$bitsAllSet: BinData(0, 'AQ==')}}", "{a: 1}", "{a: BinData(0, 'Aw==')}");
    }

    @Test
    void expr() {
        assertMatch("{$expr: {$gt: ['$a', '$b']}}", "{a: 2, b: 1}");
        assertNoMatch("{$expr: {$gt: ['$a', '$b']}}", "{a: 1, b: 2}");
        assertMatch("{$expr: {$eq: ['$a', 1]}, b: 2}", "{a: 1, b: 2}");
        assertNoMatch("{$expr: 0}", "{a: 1}");
    }

    @Test
    void commentAndAlwaysOperators() {
        assertMatch("{a: 1, $comment: 'hi'}", "{a: 1}");
        assertMatch("{$alwaysTrue: 1}", "{}");
        assertNoMatch("{$alwaysFalse: 1}", "{}");
    }
}
