package io.jmongos.engine.agg.expr;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** Builds the errors of the aggregation language with MongoDB's numeric codes (most are "Location" codes). */
public final class AggErrors {
    private AggErrors() {
    }

    /** An error with a numeric MongoDB code; the code name is MongoDB's name, or "Location" + code. */
    public static CommandFailedException fail(int code, String message) {
        return new CommandFailedException(code, ErrorCode.nameOf(code), message);
    }

    public static CommandFailedException fail(ErrorCode code, String message) {
        return new CommandFailedException(code, message);
    }

    /** 16020: "Expression $x takes exactly N arguments. M were passed in." */
    public static CommandFailedException arity(String op, int expected, int actual) {
        return fail(16020, "Expression " + op + " takes exactly " + expected + " arguments. " + actual
                + " were passed in.");
    }
}
