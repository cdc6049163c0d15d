package io.jmongos.engine.update;

import static io.jmongos.engine.update.U.applyMatched;
import static io.jmongos.engine.update.U.applyWithFilters;
import static io.jmongos.engine.update.U.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jmongos.common.CommandFailedException;
import org.bson.BsonArray;
import org.junit.jupiter.api.Test;

class PositionalUpdateTest {
    private static CommandFailedException compileError(String update, String filters) {
        return catchThrowableOfType(CommandFailedException.class,
                () -> UpdateSpec.compile(U.update(update), filters == null ? null : BsonArray.parse(filters)));
    }

    @Test
    void positionalUsesTheMatchedElement() {
        assertThat(applyMatched("{$set: {'a.$': 9}}", "{a: 2}", "{_id: 1, a: [1, 2, 3]}").document())
                .isEqualTo(doc("{_id: 1, a: [1, 9, 3]}"));
        assertThat(applyMatched("{$inc: {'a.$.n': 1}}", "{'a.k': 'y'}", "{_id: 1, a: [{k: 'x', n: 1}, {k: 'y', n: 1}]}")
                .document()).isEqualTo(doc("{_id: 1, a: [{k: 'x', n: 1}, {k: 'y', n: 2}]}"));
        assertThat(applyMatched("{$set: {'a.$.b': 1}}", "{a: {$elemMatch: {c: 2}}}", "{_id: 1, a: [{c: 1}, {c: 2}]}")
                .document()).isEqualTo(doc("{_id: 1, a: [{c: 1}, {c: 2, b: 1}]}"));
        assertThat(applyMatched("{$unset: {'a.$': 1}}", "{a: 2}", "{_id: 1, a: [1, 2]}").document())
                .isEqualTo(doc("{_id: 1, a: [1, null]}"));
    }

    @Test
    void positionalWithoutAMatchFails() {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> U.apply("{$set: {'a.$': 1}}", "{_id: 1, a: [1]}"));
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("The positional operator did not find the match needed from the query.");
    }

    @Test
    void allPositional() {
        assertThat(U.apply("{$inc: {'a.$[]': 1}}", "{_id: 1, a: [1, 2]}").document())
                .isEqualTo(doc("{_id: 1, a: [2, 3]}"));
        assertThat(U.apply("{$set: {'a.$[].b': 0}}", "{_id: 1, a: [{b: 1}, {c: 1}]}").document())
                .isEqualTo(doc("{_id: 1, a: [{b: 0}, {c: 1, b: 0}]}"));
        assertThat(U.apply("{$set: {'a.$[].b.$[]': 0}}", "{_id: 1, a: [{b: [1, 2]}, {b: [3]}]}").document())
                .isEqualTo(doc("{_id: 1, a: [{b: [0, 0]}, {b: [0]}]}"));
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> U.apply("{$set: {'a.$[]': 1}}", "{_id: 1}"));
        assertThat(e.getMessage()).isEqualTo("The path 'a' must exist in the document in order to apply array updates.");
        e = catchThrowableOfType(CommandFailedException.class, () -> U.apply("{$set: {'a.$[]': 1}}", "{_id: 1, a: 5}"));
        assertThat(e.getMessage()).isEqualTo("Cannot apply array updates to non-array element a: 5");
    }

    @Test
    void filteredPositional() {
        assertThat(applyWithFilters("{$set: {'a.$[x]': 0}}", "[{x: {$gt: 1}}]", "{_id: 1, a: [1, 2, 3]}")
                .document()).isEqualTo(doc("{_id: 1, a: [1, 0, 0]}"));
        assertThat(applyWithFilters("{$inc: {'a.$[e].n': 10}}", "[{'e.k': 'y'}]",
                "{_id: 1, a: [{k: 'x', n: 1}, {k: 'y', n: 1}, {k: 'y', n: 2}]}").document())
                .isEqualTo(doc("{_id: 1, a: [{k: 'x', n: 1}, {k: 'y', n: 11}, {k: 'y', n: 12}]}"));
        assertThat(applyWithFilters("{$set: {'a.$[i].b.$[j]': 0}}", "[{'i.t': 1}, {j: {$lt: 5}}]",
                "{_id: 1, a: [{t: 1, b: [1, 9]}, {t: 2, b: [1]}]}").document())
                .isEqualTo(doc("{_id: 1, a: [{t: 1, b: [0, 9]}, {t: 2, b: [1]}]}"));
        assertThat(applyWithFilters("{$set: {'a.$[x]': 0}}", "[{x: 9}]", "{_id: 1, a: [1]}").modified()).isFalse();
    }

    @Test
    void arrayFilterValidation() {
        CommandFailedException e = compileError("{$set: {a: 1}}", "[{x: 1}]");
        assertThat(e.code()).isEqualTo(9);
        assertThat(e.getMessage()).startsWith("The array filter for identifier 'x' was not used in the update");
        e = compileError("{$set: {'a.$[y]': 1}}", "[{x: 1}]");
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("No array filter found for identifier 'y' in path 'a.$[y]'");
        e = compileError("{$set: {'a.$[x]': 1}}", "[{x: 1}, {x: 2}]");
        assertThat(e.code()).isEqualTo(9);
        assertThat(e.getMessage()).contains("Found multiple array filters with the same top-level field name x");
        e = compileError("{$set: {'a.$[x]': 1}}", "[{x: 1, y: 1}]");
        assertThat(e.code()).isEqualTo(9);
        assertThat(e.getMessage()).contains("Expected a single top-level field name, found 'x' and 'y'");
        e = compileError("{$set: {'a.$[X]': 1}}", "[{X: 1}]");
        assertThat(e.code()).isEqualTo(2);
        e = compileError("{$set: {'a.$[x]': 1}}", "[{}]");
        assertThat(e.code()).isEqualTo(9);
        e = compileError("{$set: {'a.$.b.$': 1}}", null);
        assertThat(e.getMessage()).contains("Too many positional (i.e. '$') elements found in path 'a.$.b.$'");
        e = compileError("{$set: {'$[]': 1}}", null);
        assertThat(e.code()).isEqualTo(2);
    }
}
