package io.jmongos.it.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/** The runner's matching rules, without a server (the valid-pass suite checks them against one too). */
class ValueMatcherTest {
    private final Entities entities = new Entities();
    private final ValueMatcher matcher = new ValueMatcher(entities);

    private static BsonValue v(String json) {
        return BsonDocument.parse("{v: " + json + "}").get("v");
    }

    private void matches(String expected, String actual) {
        assertThatCode(() -> matcher.matchRoot(v(expected), v(actual), "")).doesNotThrowAnyException();
    }

    private void mismatches(String expected, String actual, String message) {
        assertThatThrownBy(() -> matcher.matchRoot(v(expected), v(actual), "")).isInstanceOf(AssertionError.class)
                .hasMessageContaining(message);
    }

    @Test
    void rootDocumentsAllowExtraFieldsNestedOnesDoNot() {
        matches("{a: 1}", "{a: 1, b: 2}");
        mismatches("{a: {x: 1}}", "{a: {x: 1, y: 2}}", "unexpected field 'y'");
        matches("[{_id: 1}]", "[{_id: 1, x: 11}]");
        mismatches("{d: [{_id: 1}]}", "{d: [{_id: 1, x: 11}]}", "unexpected field 'x'");
    }

    @Test
    void numbersCompareByValueAcrossTypes() {
        matches("{n: 1}", "{n: {$numberLong: '1'}}");
        matches("{n: 2.0}", "{n: 2}");
        matches("{n: {$numberDecimal: '3'}}", "{n: 3}");
        mismatches("{n: 1}", "{n: '1'}", "expected 1");
    }

    @Test
    void specialOperators() {
        matches("{a: {$$exists: false}}", "{b: 1}");
        mismatches("{a: {$$exists: true}}", "{b: 1}", "is missing");
        matches("{a: {$$type: ['int', 'long']}}", "{a: {$numberLong: '5'}}");
        matches("{a: {$$type: 'number'}}", "{a: 1.5}");
        mismatches("{a: {$$type: 'string'}}", "{a: 1}", "expected type");
        matches("{a: {$$unsetOrMatches: 1}}", "{}");
        mismatches("{a: {$$unsetOrMatches: 1}}", "{a: 2}", "expected 1");
        matches("{a: {$$lte: 5}}", "{a: 5}");
        mismatches("{a: {$$lte: 5}}", "{a: 6}", "<= 5");
        matches("{j: {$$matchAsDocument: {x: 1}}}", "{j: '{\\\"x\\\": 1.0}'}");
        mismatches("{j: {$$matchAsDocument: {x: 1}}}", "{j: '{\\\"x\\\": 1, \\\"y\\\": 2}'}", "unexpected field");
        matches("{a: {$$matchAsRoot: {x: 1}}}", "{a: {x: 1, y: 2}}");
        matches("{b: {$$matchesHexBytes: '0A0b'}}", "{b: {$binary: {base64: 'Cgs=', subType: '00'}}}");
    }

    @Test
    void savedEntitiesAreMatched() {
        entities.save("id0", v("{$oid: '57e193d7a9cc81b4027498b5'}"));
        matches("{_id: {$$matchesEntity: 'id0'}}", "{_id: {$oid: '57e193d7a9cc81b4027498b5'}}");
        mismatches("{_id: {$$matchesEntity: 'id0'}}", "{_id: 1}", "expected");
    }

    @Test
    void arraysMatchElementByElementWithTheSameLength() {
        matches("[1, 2]", "[1, 2]");
        mismatches("[1, 2]", "[1, 2, 3]", "expected 2 elements");
    }

    @Test
    void versionsCompareComponentWise() {
        assertThat(RunOnRequirements.compareVersions("7.0.0", "4.4.99")).isPositive();
        assertThat(RunOnRequirements.compareVersions("7.0.0", "7.0")).isZero();
        assertThat(RunOnRequirements.compareVersions("7.0.0", "8.0")).isNegative();
        assertThat(RunOnRequirements.compareVersions("7.0.0-rc1", "7.0.0")).isZero();
        assertThat(UnifiedTestRunner.schemaSupported("1.28")).isTrue();
        assertThat(UnifiedTestRunner.schemaSupported("1.29")).isFalse();
        assertThat(UnifiedTestRunner.schemaSupported("2.0")).isFalse();
    }
}
