package io.jmongos.engine.agg.expr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmongos.common.CommandFailedException;

import org.assertj.core.api.AbstractThrowableAssert;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Helpers: evaluate {@code {v: <expr>}} against a document given as JSON. */
final class ExprTestSupport {
    private ExprTestSupport() {
    }

    /** Evaluates the expression written as JSON (the value of field "v") against {@code docJson}. */
    static BsonValue eval(String exprJson, String docJson) {
        BsonValue spec = BsonDocument.parse("{v: " + exprJson + "}").get("v");
        return ExpressionCompiler.compile(spec).evaluate(BsonDocument.parse(docJson), Variables.at(0));
    }

    static BsonValue eval(String exprJson) {
        return eval(exprJson, "{}");
    }

    /** The BSON value written as JSON. */
    static BsonValue v(String json) {
        return BsonDocument.parse("{v: " + json + "}").get("v");
    }

    static AbstractThrowableAssert<?, ? extends Throwable> failsWith(int code, String exprJson, String docJson) {
        return assertThatThrownBy(() -> eval(exprJson, docJson))
                .isInstanceOf(CommandFailedException.class)
                .matches(t -> ((CommandFailedException) t).code() == code, "code " + code);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> failsWith(int code, String exprJson) {
        return failsWith(code, exprJson, "{}");
    }
}
