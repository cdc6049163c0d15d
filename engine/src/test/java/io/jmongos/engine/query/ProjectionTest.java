package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static BsonDocument project(String spec, String document) {
        return Projection.compile(doc(spec)).apply(doc(document), null);
    }

    private static BsonDocument project(String spec, String filter, String document) {
        MatchDetails details = new MatchDetails();
        BsonDocument d = doc(document);
        assertThat(QueryCompiler.compile(doc(filter)).matches(d, details)).isTrue();
        return Projection.compile(doc(spec), doc(filter), Variables.empty()).apply(d, details);
    }

    private static void assertProjects(String spec, String document, String expected) {
        BsonDocument actual = project(spec, document);
        assertThat(actual).as("%s on %s", spec, document).isEqualTo(doc(expected));
        assertThat(actual.keySet()).containsExactlyElementsOf(doc(expected).keySet());
    }

    private static void assertError(String spec, int code, String message) {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> Projection.compile(doc(spec)));
        assertThat(e).as("%s should fail", spec).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void emptyProjectionIsIdentity() {
        Projection p = Projection.compile(doc("{}"));
        assertThat(p.isIdentity()).isTrue();
        assertThat(p.apply(doc("{a: 1}"), null)).isEqualTo(doc("{a: 1}"));
        assertThat(Projection.compile(null).isIdentity()).isTrue();
    }

    @Test
    void inclusionKeepsIdAndDocumentOrder() {
        assertThat(Projection.compile(doc("{b: 1, a: true}")).isInclusion()).isTrue();
        assertProjects("{b: 1, a: true}", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, a: 1, b: 2}");
        assertProjects("{a: 1, _id: 0}", "{_id: 1, a: 1, b: 2}", "{a: 1}");
        assertProjects("{_id: 1}", "{_id: 1, a: 1}", "{_id: 1}");
        assertProjects("{a: 1}", "{b: 1}", "{}");
        assertProjects("{a: 5, b: NumberLong(1)}", "{_id: 0, a: 1, b: 2}", "{_id: 0, a: 1, b: 2}");
    }

    @Test
    void exclusion() {
        assertThat(Projection.compile(doc("{a: 0}")).isInclusion()).isFalse();
        assertProjects("{a: 0}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}");
        assertProjects("{_id: 0}", "{_id: 1, a: 1}", "{a: 1}");
        assertProjects("{_id: 1, a: 0}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}");
        assertProjects("{a: false, 'b.c': 0}", "{a: 1, b: {c: 1, d: 2}}", "{b: {d: 2}}");
    }

    @Test
    void dottedInclusionThroughDocumentsAndArrays() {
        assertProjects("{'a.b': 1, _id: 0}", "{a: {b: 1, c: 2}}", "{a: {b: 1}}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: {c: 2}}", "{a: {}}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: 5}", "{}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: [{b: 1, c: 2}, 3, {c: 1}, [{b: 2}]]}", "{a: [{b: 1}, {}, [{b: 2}]]}");
        assertProjects("{a: {b: 1}, _id: 0}", "{a: {b: 1, c: 2}}", "{a: {b: 1}}");
        assertProjects("{'a.b': 0}", "{a: [{b: 1, c: 2}, 3]}", "{a: [{c: 2}, 3]}");
    }

    @Test
    void slice() {
        assertProjects("{a: {$slice: 2}}", "{a: [1, 2, 3], b: 1}", "{a: [1, 2], b: 1}");
        assertProjects("{a: {$slice: -2}}", "{a: [1, 2, 3]}", "{a: [2, 3]}");
        assertProjects("{a: {$slice: [1, 1]}}", "{a: [1, 2, 3]}", "{a: [2]}");
        assertProjects("{a: {$slice: [-2, 5]}}", "{a: [1, 2, 3]}", "{a: [2, 3]}");
        assertProjects("{a: {$slice: [5, 1]}}", "{a: [1, 2, 3]}", "{a: []}");
        assertProjects("{a: {$slice: 1}}", "{a: 'x'}", "{a: 'x'}");
        assertProjects("{a: {$slice: 1}, b: 1}", "{_id: 1, a: [1, 2], b: 1, c: 1}", "{_id: 1, a: [1], b: 1}");
        assertProjects("{'a.b': {$slice: 1}}", "{a: [{b: [1, 2]}, {b: [3, 4]}], c: 1}",
                "{a: [{b: [1]}, {b: [3]}], c: 1}");
        assertThat(Projection.compile(doc("{a: {$slice: 1}}")).isInclusion()).isFalse();
        assertThat(Projection.compile(doc("{a: {$slice: 1}, _id: 1}")).isInclusion()).isTrue();
    }

    @Test
    void elemMatch() {
        assertProjects("{a: {$elemMatch: {b: {$gt: 1}}}}", "{_id: 1, a: [{b: 1}, {b: 2}, {b: 3}], c: 1}",
                "{_id: 1, a: [{b: 2}]}");
        assertProjects("{a: {$elemMatch: {b: 9}}}", "{_id: 1, a: [{b: 1}]}", "{_id: 1}");
        assertProjects("{a: {$elemMatch: {$gt: 1}}, _id: 0}", "{a: [1, 5]}", "{a: [5]}");
    }

    @Test
    void positional() {
        assertThat(project("{'a.$': 1}", "{a: {$gt: 1}}", "{_id: 1, a: [1, 5, 7], b: 1}"))
                .isEqualTo(doc("{_id: 1, a: [5]}"));
        assertThat(project("{'a.$': 1, _id: 0}", "{'a.b': 2}", "{a: [{b: 1, c: 1}, {b: 2, c: 2}]}"))
                .isEqualTo(doc("{a: [{b: 2, c: 2}]}"));
        assertThat(project("{'a.b.$': 1, _id: 0}", "{'a.b': 2}", "{a: [{b: 1, c: 1}, {b: 2, c: 2}]}"))
                .isEqualTo(doc("{a: [{b: 2}]}"));
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> Projection.compile(doc("{'a.$': 1}")).apply(doc("{a: [1]}"), new MatchDetails()));
        assertThat(e.code()).isEqualTo(51246);
        e = catchThrowableOfType(CommandFailedException.class,
                () -> Projection.compile(doc("{'a.$': 1}"), doc("{b: 1}"), Variables.empty()));
        assertThat(e.code()).isEqualTo(31277);
    }

    @Test
    void computedFields() {
        assertProjects("{x: '$a', y: {$add: ['$a', 1]}, z: 'lit'}", "{_id: 1, a: 2}",
                "{_id: 1, x: 2, y: 3, z: 'lit'}");
        assertProjects("{a: 1, 'n.m': {$literal: 5}, _id: 0}", "{a: 1, b: 2}", "{a: 1, n: {m: 5}}");
        assertProjects("{x: '$missing', _id: 0}", "{a: 1}", "{}");
        assertProjects("{a: {$slice: ['$b', 1]}, _id: 0}", "{b: [7, 8]}", "{a: [7]}");
    }

    @Test
    void errors() {
        assertError("{a: 1, b: 0}", 31254, "Cannot do exclusion on field b in inclusion projection");
        assertError("{a: 0, b: 1}", 31253, "Cannot do inclusion on field b in exclusion projection");
        assertError("{a: 0, b: {$add: [1, 2]}}", 31252, "Cannot use expression other than $meta in exclusion");
        assertError("{a: 0, b: 'x'}", 31310, "in an exclusion projection");
        assertError("{a: 1, 'a.b': 1}", 31249, "Path collision at a.b remaining portion b");
        assertError("{'a.b': 1, a: 1}", 31250, "Path collision at a");
        assertError("{a: {$foo: 1}}", 31325, "Unknown expression $foo");
        assertError("{a: {$slice: 'x'}}", 31273, "$slice only supports numbers and [skip, limit] arrays");
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> Projection.compile(doc("{a: {$slice: [1, 2, 3, 4]}}")));
        assertThat(e.getMessage()).contains("Invalid $slice syntax")
                .contains("$slice array argument should be of form [skip, limit]");
        assertThat(Projection.compile(doc("{a: {$slice: [1, 0]}}")).isInclusion())
                .as("not find syntax: the aggregation $slice expression").isTrue();
        assertError("{'a.b': {$elemMatch: {c: 1}}}", 31275, "Cannot use $elemMatch projection on a nested field.");
        assertError("{a: {$elemMatch: 1}}", 31274, "elemMatch: Invalid argument, object required");
        assertError("{'a.$': 1, 'b.$': 1}", 31276, "Cannot specify more than one positional projection per query.");
        assertError("{'a.$.b.$': 1}", 31287, "Cannot use positional operator twice");
        assertError("{'a.$': {$slice: 1}}", 31271, "positional projection cannot be used with an expression");
        assertError("{'$a': 1}", 16410, "FieldPath field names may not start with '$'");
        assertError("{'': 1}", 40352, "FieldPath cannot be constructed with empty string");
        assertError("{a: {$meta: 'textScore'}}", 238, "$meta projection is not supported");
    }
}
