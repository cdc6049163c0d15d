package io.jmongos.engine.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.query.QueryCompiler;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Test helpers for updates: shell-syntax JSON in, documents out, and "a failure changes nothing". */
final class U {
    private U() {
    }

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static BsonValue update(String json) {
        String t = json.trim();
        return t.startsWith("[") ? BsonArray.parse(t) : BsonDocument.parse(t);
    }

    static UpdateOutcome apply(String update, String document) {
        return UpdateSpec.compile(update(update), null).apply(doc(document), null, false);
    }

    static UpdateOutcome applyWithFilters(String update, String filters, String document) {
        return UpdateSpec.compile(update(update), BsonArray.parse(filters)).apply(doc(document), null, false);
    }

    static UpdateOutcome applyMatched(String update, String filter, String document) {
        BsonDocument d = doc(document);
        MatchDetails details = new MatchDetails();
        assertThat(QueryCompiler.compile(doc(filter)).matches(d, details)).isTrue();
        return UpdateSpec.compile(update(update), null).apply(d, details, false);
    }

    /** Asserts the result, including field order, and that the input was not mutated. */
    static void assertUpdate(String update, String document, String expected) {
        BsonDocument input = doc(document);
        UpdateOutcome out = UpdateSpec.compile(update(update), null).apply(input, null, false);
        assertThat(input).as("input untouched").isEqualTo(doc(document));
        assertThat(out.document()).as("%s on %s", update, document).isEqualTo(doc(expected));
        assertThat(out.document().keySet()).as("field order").containsExactlyElementsOf(doc(expected).keySet());
        assertThat(out.modified()).as("modified flag").isEqualTo(!doc(document).toJson().equals(doc(expected).toJson()));
    }

    static void assertCompileError(String update, int code, String message) {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> UpdateSpec.compile(update(update), null));
        assertThat(e).as("compiling %s should fail", update).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
    }

    /** Asserts applying fails with the code and message, and the input document is left unchanged. */
    static void assertApplyError(String update, String document, int code, String message) {
        BsonDocument input = doc(document);
        UpdateSpec spec = UpdateSpec.compile(update(update), null);
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> spec.apply(input, null, false));
        assertThat(e).as("%s on %s should fail", update, document).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
        assertThat(input).as("original unchanged").isEqualTo(doc(document));
    }
}
