package io.jmongos.engine.agg.expr;

import static io.jmongos.engine.agg.expr.ExprTestSupport.eval;
import static io.jmongos.engine.agg.expr.ExprTestSupport.failsWith;
import static io.jmongos.engine.agg.expr.ExprTestSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

class CoreExpressionTest {
    @Test
    void fieldPathsLiteralsObjectsArrays() {
        assertThat(eval("'$a.b'", "{a: {b: 5}}")).isEqualTo(v("5"));
        assertThat(eval("'$a.b'", "{a: [{b: 1}, {c: 2}, {b: [3]}, 7]}")).isEqualTo(v("[1, [3]]"));
        assertThat(eval("'$a.0'", "{a: [1, 2]}")).isEqualTo(v("[]"));
        assertThat(eval("'$x'", "{}")).isNull();
        assertThat(eval("'$x'", "{x: null}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("'abc'")).isEqualTo(v("'abc'"));
        assertThat(eval("{a: '$x', b: '$y', c: {$literal: '$z'}}", "{x: 1}")).isEqualTo(v("{a: 1, c: '$z'}"));
        assertThat(eval("['$x', '$missing', 2]", "{x: 1}")).isEqualTo(v("[1, null, 2]"));
    }

    @Test
    void variables() {
        assertThat(eval("'$$ROOT'", "{a: 1}")).isEqualTo(v("{a: 1}"));
        assertThat(eval("'$$CURRENT.a'", "{a: 1}")).isEqualTo(v("1"));
        assertThat(eval("'$$REMOVE'", "{a: 1}")).isNull();
        assertThat(eval("'$$NOW'")).isEqualTo(v("{$date: 0}"));
        assertThat(eval("{$let: {vars: {x: '$a', y: 2}, in: {$add: ['$$x', '$$y']}}}", "{a: 1}")).isEqualTo(v("3"));
        assertThat(eval("{$let: {vars: {CURRENT: '$sub'}, in: '$b'}}", "{sub: {b: 9}}")).isEqualTo(v("9"));
        Variables vars = Variables.fromCommandLet(BsonDocument.parse("{k: {$add: [1, 2]}}"));
        assertThat(ExpressionCompiler.compile(v("'$$k'")).evaluate(new BsonDocument(), vars)).isEqualTo(v("3"));
    }

    @Test
    void errors() {
        failsWith(168, "{$foo: 1}").hasMessage("Unrecognized expression '$foo'");
        failsWith(17276, "'$$nope'").hasMessage("Use of undefined variable: nope");
        failsWith(15983, "{$add: [1], $x: 1}");
        failsWith(16872, "'$'");
        failsWith(16867, "{$let: {vars: {Bad: 1}, in: 1}}");
        failsWith(16020, "{$eq: [1]}").hasMessage("Expression $eq takes exactly 2 arguments. 1 were passed in.");
        failsWith(16876, "{$let: {in: 1}}");
    }

    @Test
    void comparisonAndBoolean() {
        assertThat(eval("{$eq: [1, 1.0]}")).isEqualTo(v("true"));
        assertThat(eval("{$eq: ['$m', null]}")).isEqualTo(v("false"));
        assertThat(eval("{$lt: ['$m', null]}")).isEqualTo(v("true"));
        assertThat(eval("{$gt: ['a', 5]}")).isEqualTo(v("true"));
        assertThat(eval("{$cmp: [{$numberLong: '3'}, 2.5]}")).isEqualTo(v("1"));
        assertThat(eval("{$ne: [[1, 2], [1, 2]]}")).isEqualTo(v("false"));
        assertThat(eval("{$and: [1, 'x', []]}")).isEqualTo(v("true"));
        assertThat(eval("{$and: [1, 0]}")).isEqualTo(v("false"));
        assertThat(eval("{$and: []}")).isEqualTo(v("true"));
        assertThat(eval("{$or: [null, '$m']}")).isEqualTo(v("false"));
        assertThat(eval("{$not: [0]}")).isEqualTo(v("true"));
        assertThat(eval("{$not: {$numberDecimal: '0.0'}}")).isEqualTo(v("true"));
    }

    @Test
    void conditionals() {
        assertThat(eval("{$cond: [true, 1, 2]}")).isEqualTo(v("1"));
        assertThat(eval("{$cond: {if: '$m', then: 1, else: 2}}")).isEqualTo(v("2"));
        assertThat(eval("{$ifNull: ['$a', '$b', 'd']}", "{b: null}")).isEqualTo(v("'d'"));
        assertThat(eval("{$ifNull: ['$a', '$b']}", "{b: 4}")).isEqualTo(v("4"));
        assertThat(eval("{$ifNull: ['$a', '$b']}", "{}")).isNull();
        assertThat(eval("{$switch: {branches: [{case: {$gt: ['$x', 5]}, then: 'big'}], default: 'small'}}",
                "{x: 7}")).isEqualTo(v("'big'"));
        assertThat(eval("{$switch: {branches: [{case: false, then: 1}], default: 'd'}}")).isEqualTo(v("'d'"));
        failsWith(40066, "{$switch: {branches: [{case: false, then: 1}]}}");
        failsWith(40068, "{$switch: {branches: []}}");
        failsWith(17080, "{$cond: {then: 1, else: 2}}");
        failsWith(17083, "{$cond: {if: 1, then: 1, else: 2, x: 1}}");
        failsWith(16020, "{$cond: [1, 2]}");
        failsWith(1257300, "{$ifNull: ['$a']}");
    }
}
