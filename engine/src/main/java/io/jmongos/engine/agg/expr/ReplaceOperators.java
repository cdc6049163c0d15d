package io.jmongos.engine.agg.expr;

import java.util.Map;

import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $replaceOne} and {@code $replaceAll} with {@code {input, find, replacement}} (plain strings). */
final class ReplaceOperators {
    private ReplaceOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$replaceOne", (n, a) -> parse(n, a, false));
        ops.put("$replaceAll", (n, a) -> parse(n, a, true));
    }

    private static Expression parse(String op, BsonValue a, boolean all) {
        if (!a.isDocument()) {
            throw AggErrors.fail(51751, op + " requires an object as an argument, found: " + Values.typeName(a));
        }
        Expression input = null;
        Expression find = null;
        Expression replacement = null;
        for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "input": input = ExpressionCompiler.compile(e.getValue()); break;
                case "find": find = ExpressionCompiler.compile(e.getValue()); break;
                case "replacement": replacement = ExpressionCompiler.compile(e.getValue()); break;
                default: throw AggErrors.fail(51750, op + " found an unknown argument: " + e.getKey());
            }
        }
        if (input == null) {
            throw AggErrors.fail(51749, op + " requires 'input' to be specified");
        }
        if (find == null) {
            throw AggErrors.fail(51748, op + " requires 'find' to be specified");
        }
        if (replacement == null) {
            throw AggErrors.fail(51747, op + " requires 'replacement' to be specified");
        }
        Expression in = input;
        Expression fi = find;
        Expression re = replacement;
        return (root, vars) -> {
            BsonValue s = check(op, "input", 51746, in.evaluate(root, vars));
            BsonValue f = check(op, "find", 51745, fi.evaluate(root, vars));
            BsonValue r = check(op, "replacement", 51744, re.evaluate(root, vars));
            if (Values.isNullish(s) || Values.isNullish(f) || Values.isNullish(r)) {
                return BsonNull.VALUE;
            }
            String str = s.asString().getValue();
            String fs = f.asString().getValue();
            String rs = r.asString().getValue();
            if (all) {
                return new BsonString(fs.isEmpty() ? replaceEmptyAll(str, rs) : str.replace(fs, rs));
            }
            int at = str.indexOf(fs);
            return at < 0 ? s : new BsonString(str.substring(0, at) + rs + str.substring(at + fs.length()));
        };
    }

    private static String replaceEmptyAll(String s, String r) {
        StringBuilder sb = new StringBuilder(r);
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(r));
        return sb.toString();
    }

    private static BsonValue check(String op, String what, int code, BsonValue v) {
        if (!Values.isNullish(v) && !v.isString()) {
            throw AggErrors.fail(code, op + " requires that '" + what + "' be a string, found: "
                    + MathOperators.render(v));
        }
        return v;
    }
}
