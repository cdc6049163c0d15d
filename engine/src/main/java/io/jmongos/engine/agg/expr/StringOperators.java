package io.jmongos.engine.agg.expr;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $concat $substr* $toLower $toUpper $split $strLen* $indexOf* $strcasecmp}; trims and regexes elsewhere. */
final class StringOperators {
    private StringOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.variadic(ops, "$concat", StringOperators::concat);
        Operators.fixed(ops, "$toLower", 1, a -> new BsonString(asciiLower(StringCoercion.coerce(a[0]))));
        Operators.fixed(ops, "$toUpper", 1, a -> new BsonString(asciiUpper(StringCoercion.coerce(a[0]))));
        Operators.fixed(ops, "$strcasecmp", 2, a -> new BsonInt32(Integer.signum(
                asciiUpper(StringCoercion.coerce(a[0])).compareTo(asciiUpper(StringCoercion.coerce(a[1]))))));
        Operators.fixed(ops, "$split", 2, a -> split(a[0], a[1]));
        Operators.fixed(ops, "$strLenCP", 1, a -> {
            String s = requireString("$strLenCP", 34471, a[0]);
            return new BsonInt32(s.codePointCount(0, s.length()));
        });
        Operators.fixed(ops, "$strLenBytes", 1, a -> new BsonInt32(
                requireString("$strLenBytes", 34473, a[0]).getBytes(StandardCharsets.UTF_8).length));
        Operators.fixed(ops, "$substrCP", 3, a -> SubstringOperators.substrCP(a[0], a[1], a[2]));
        Operators.fixed(ops, "$substrBytes", 3, a -> SubstringOperators.substrBytes("$substrBytes", a[0], a[1], a[2]));
        Operators.fixed(ops, "$substr", 3, a -> SubstringOperators.substrBytes("$substrBytes", a[0], a[1], a[2]));
        Operators.ranged(ops, "$indexOfCP", 2, 4, a -> SubstringOperators.indexOf("$indexOfCP", a, false));
        Operators.ranged(ops, "$indexOfBytes", 2, 4, a -> SubstringOperators.indexOf("$indexOfBytes", a, true));
        TrimOperators.register(ops);
        RegexOperators.register(ops);
    }

    private static BsonValue concat(BsonValue[] args) {
        StringBuilder sb = new StringBuilder();
        for (BsonValue v : args) {
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (!v.isString()) {
                throw AggErrors.fail(16702, "$concat only supports strings, not " + Values.typeName(v));
            }
            sb.append(v.asString().getValue());
        }
        return new BsonString(sb.toString());
    }

    private static BsonValue split(BsonValue input, BsonValue sep) {
        if (Values.isNullish(input)) {
            return BsonNull.VALUE;
        }
        if (!input.isString()) {
            throw AggErrors.fail(40085, "$split requires an expression that evaluates to a string as a first "
                    + "argument, found: " + Values.typeName(input));
        }
        if (sep == null || !sep.isString()) {
            throw AggErrors.fail(40086, "$split requires an expression that evaluates to a string as a second "
                    + "argument, found: " + Values.typeName(sep));
        }
        String s = input.asString().getValue();
        String d = sep.asString().getValue();
        if (d.isEmpty()) {
            throw AggErrors.fail(40087, "$split requires a non-empty separator");
        }
        BsonArray out = new BsonArray();
        int from = 0;
        while (true) {
            int at = s.indexOf(d, from);
            if (at < 0) {
                out.add(new BsonString(s.substring(from)));
                return out;
            }
            out.add(new BsonString(s.substring(from, at)));
            from = at + d.length();
        }
    }

    static String requireString(String op, int code, BsonValue v) {
        if (v == null || !v.isString()) {
            throw AggErrors.fail(code, op + " requires a string argument, found: " + Values.typeName(v));
        }
        return v.asString().getValue();
    }

    /** MongoDB changes case of ASCII letters only. */
    static String asciiLower(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String asciiUpper(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c - 32));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
