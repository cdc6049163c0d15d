package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonArray;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class QueryCompilerApiTest {
    @Test
    void exprSeesCommandLetVariables() {
        Variables vars = Variables.fromCommandLet(doc("{limit: 5}"));
        QueryMatcher m = QueryCompiler.compile(doc("{$expr: {$gt: ['$a', '$$limit']}}"), vars);
        assertThat(m.matches(doc("{a: 6}"))).isTrue();
        assertThat(m.matches(doc("{a: 4}"))).isFalse();
    }

    @Test
    void nullAndEmptyFiltersMatchEverything() {
        assertThat(QueryCompiler.compile(null).matches(doc("{a: 1}"))).isTrue();
        assertThat(QueryCompiler.compile(doc("{}")).matches(doc("{}"))).isTrue();
    }

    @Test
    void valueConditionsForPull() {
        QueryCompiler.ValueMatcher op = QueryCompiler.compileValueCondition(doc("{$gte: 6}"));
        assertThat(op.matches(new BsonInt32(6))).isTrue();
        assertThat(op.matches(new BsonInt32(5))).isFalse();
        assertThat(op.matches(BsonArray.parse("[7]"))).isFalse();
        QueryCompiler.ValueMatcher query = QueryCompiler.compileValueCondition(doc("{b: {$gt: 1}}"));
        assertThat(query.matches(doc("{b: 2, c: 1}"))).isTrue();
        assertThat(query.matches(new BsonInt32(2))).isFalse();
        QueryCompiler.ValueMatcher eq = QueryCompiler.compileValueCondition(new BsonString("x"));
        assertThat(eq.matches(new BsonString("x"))).isTrue();
    }

    @Test
    void numericComponentAlsoLooksInsideDocumentElementsAsMongoDbDoes() {
        // MongoDB's path iterator offers a.0 of {a: [{b: 1}]} both as the missing field "0" of the element
        // and as the element itself, so {'a.0': null} matches.
        assertThat(Q.matches("{'a.0': null}", "{a: [{b: 1}]}")).isTrue();
        assertThat(Q.matches("{'a.0': {b: 1}}", "{a: [{b: 1}]}")).isTrue();
        assertThat(Q.matches("{'a.0': null}", "{a: [1]}")).isFalse();
    }

    @Test
    void lastArrayConditionOfAnAndRecordsThePosition() {
        assertThat(Q.elemMatchKey("{$and: [{a: 1}, {a: 3}]}", "{a: [1, 2, 3]}")).isEqualTo("2");
        MatchDetails d = new MatchDetails();
        d.setElemMatchKey("4");
        d.reset();
        assertThat(d.elemMatchKey()).isNull();
    }

    @Test
    void fieldPathHelpers() {
        FieldPath p = FieldPath.of("a.b.0");
        assertThat(p.length()).isEqualTo(3);
        assertThat(p.prefix(2).dotted()).isEqualTo("a.b");
        assertThat(p.prefix(2).isPrefixOf(p)).isTrue();
        assertThat(FieldPath.isArrayIndex("0")).isTrue();
        assertThat(FieldPath.isArrayIndex("01")).isFalse();
        assertThat(FieldPath.of("a.1.c").getExact(doc("{a: [{c: 1}, {c: 2}]}"))).isEqualTo(new BsonInt32(2));
        assertThat(FieldPath.of("a.c").getExact(doc("{a: [{c: 1}]}"))).isNull();
        assertThat(FieldPath.of("a.b").keyValues(doc("{a: [{b: 1}, {c: 1}, {b: [2, 3]}]}")))
                .containsExactly(new BsonInt32(1), org.bson.BsonNull.VALUE, new BsonInt32(2), new BsonInt32(3));
    }
}
