package io.jmongos.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jmongos.common.CommandFailedException;
import org.bson.BsonDocument;

/** Test helpers: JSON (shell syntax) in, matcher answers out. */
final class Q {
    private Q() {
    }

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static boolean matches(String filter, String document) {
        return QueryCompiler.compile(doc(filter)).matches(doc(document));
    }

    static void assertMatch(String filter, String... documents) {
        for (String d : documents) {
            assertThat(matches(filter, d)).as("%s should match %s", filter, d).isTrue();
        }
    }

    static void assertNoMatch(String filter, String... documents) {
        for (String d : documents) {
            assertThat(matches(filter, d)).as("%s should not match %s", filter, d).isFalse();
        }
    }

    static String elemMatchKey(String filter, String document) {
        MatchDetails details = new MatchDetails();
        assertThat(QueryCompiler.compile(doc(filter)).matches(doc(document), details)).isTrue();
        return details.elemMatchKey();
    }

    static CommandFailedException compileError(String filter) {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> QueryCompiler.compile(doc(filter)));
        assertThat(e).as("compiling %s should fail", filter).isNotNull();
        return e;
    }

    static void assertCompileError(String filter, int code, String message) {
        CommandFailedException e = compileError(filter);
        assertThat(e.code()).as("code for %s (%s)", filter, e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
    }
}
