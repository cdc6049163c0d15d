package io.jmongos.engine.agg.expr;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $trim $ltrim $rtrim} with {@code {input, chars}}; default chars are MongoDB's whitespace set. */
final class TrimOperators {
    /** MongoDB's default trim set: NUL, ASCII whitespace and the Unicode space separators. */
    private static final String DEFAULT_CHARS = "\0 \t\n\u000B\f\r\u00A0\u1680\u2000\u2001\u2002\u2003\u2004"
            + "\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    private TrimOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$trim", (n, a) -> parse(n, a, true, true));
        ops.put("$ltrim", (n, a) -> parse(n, a, true, false));
        ops.put("$rtrim", (n, a) -> parse(n, a, false, true));
    }

    private static Expression parse(String op, BsonValue a, boolean left, boolean right) {
        if (!a.isDocument()) {
            throw AggErrors.fail(50696, op + " only supports an object as an argument, found: " + Values.typeName(a));
        }
        BsonDocument d = a.asDocument();
        Expression input = null;
        Expression chars = null;
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            if (e.getKey().equals("input")) {
                input = ExpressionCompiler.compile(e.getValue());
            } else if (e.getKey().equals("chars")) {
                chars = ExpressionCompiler.compile(e.getValue());
            } else {
                throw AggErrors.fail(50694, op + " found an unknown argument: " + e.getKey());
            }
        }
        if (input == null) {
            throw AggErrors.fail(50695, op + " requires an 'input' field");
        }
        Expression in = input;
        Expression ch = chars;
        return (root, vars) -> {
            BsonValue s = in.evaluate(root, vars);
            if (Values.isNullish(s)) {
                return BsonNull.VALUE;
            }
            if (!s.isString()) {
                throw AggErrors.fail(50699, op + " requires its input to be a string, got " + MathOperators.render(s)
                        + " (of type " + Values.typeName(s) + ") instead.");
            }
            String set = DEFAULT_CHARS;
            if (ch != null) {
                BsonValue c = ch.evaluate(root, vars);
                if (Values.isNullish(c)) {
                    return BsonNull.VALUE;
                }
                if (!c.isString()) {
                    throw AggErrors.fail(50700, op + " requires 'chars' to be a string, got "
                            + MathOperators.render(c) + " (of type " + Values.typeName(c) + ") instead.");
                }
                set = c.asString().getValue();
            }
            return new BsonString(trim(s.asString().getValue(), set, left, right));
        };
    }

    private static String trim(String s, String set, boolean left, boolean right) {
        int from = 0;
        int to = s.length();
        while (left && from < to && set.indexOf(s.codePointAt(from)) >= 0) {
            from += Character.charCount(s.codePointAt(from));
        }
        while (right && to > from && set.indexOf(s.codePointBefore(to)) >= 0) {
            to -= Character.charCount(s.codePointBefore(to));
        }
        return s.substring(from, to);
    }
}
