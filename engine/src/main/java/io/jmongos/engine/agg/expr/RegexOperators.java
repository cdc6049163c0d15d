package io.jmongos.engine.agg.expr;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $regexMatch $regexFind $regexFindAll} with {@code {input, regex, options}}. */
final class RegexOperators {
    private RegexOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$regexMatch", (n, a) -> parse(n, a, RegexOperators::match));
        ops.put("$regexFind", (n, a) -> parse(n, a, RegexOperators::find));
        ops.put("$regexFindAll", (n, a) -> parse(n, a, RegexOperators::findAll));
        ReplaceOperators.register(ops);
    }

    private interface Op {
        BsonValue apply(String input, Pattern pattern);
    }

    private static Expression parse(String op, BsonValue a, Op fn) {
        if (!a.isDocument()) {
            throw AggErrors.fail(51103, op + " expects an object of named arguments but found: "
                    + Values.typeName(a));
        }
        Expression input = null;
        Expression regex = null;
        Expression options = null;
        for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "input": input = ExpressionCompiler.compile(e.getValue()); break;
                case "regex": regex = ExpressionCompiler.compile(e.getValue()); break;
                case "options": options = ExpressionCompiler.compile(e.getValue()); break;
                default: throw AggErrors.fail(31024, op + " found an unknown field: " + e.getKey());
            }
        }
        if (input == null) {
            throw AggErrors.fail(31022, op + " requires 'input' parameter");
        }
        if (regex == null) {
            throw AggErrors.fail(31023, op + " requires 'regex' parameter");
        }
        Expression in = input;
        Expression re = regex;
        Expression opt = options;
        Pattern constant = regex.isConstant() && (opt == null || opt.isConstant())
                ? pattern(op, re.evaluate(null, null), opt == null ? null : opt.evaluate(null, null)) : null;
        return (root, vars) -> {
            BsonValue s = in.evaluate(root, vars);
            Pattern p = constant != null ? constant
                    : pattern(op, re.evaluate(root, vars), opt == null ? null : opt.evaluate(root, vars));
            if (p == null || Values.isNullish(s)) {
                return fn.apply(null, null);
            }
            if (!s.isString()) {
                throw AggErrors.fail(51104, op + " needs 'input' to be of type string");
            }
            return fn.apply(s.asString().getValue(), p);
        };
    }

    /** Null when the regex is nullish. */
    static Pattern pattern(String op, BsonValue regex, BsonValue options) {
        if (Values.isNullish(regex)) {
            return null;
        }
        String source;
        String flags = "";
        if (regex.isString()) {
            source = regex.asString().getValue();
        } else if (regex.isRegularExpression()) {
            source = regex.asRegularExpression().getPattern();
            flags = regex.asRegularExpression().getOptions();
        } else {
            throw AggErrors.fail(51105, op + " needs 'regex' to be of type string or regex");
        }
        if (!Values.isNullish(options)) {
            if (!options.isString()) {
                throw AggErrors.fail(51106, op + " needs 'options' to be of type string");
            }
            if (!flags.isEmpty() && !options.asString().getValue().isEmpty()) {
                throw AggErrors.fail(51107, op + ": found regex option(s) specified in both 'regex' and "
                        + "'option' fields");
            }
            flags = options.asString().getValue();
        }
        if (source.indexOf('\0') >= 0) {
            throw AggErrors.fail(51109, op + ": regular expression cannot contain an embedded null byte");
        }
        int f = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i': f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE; break;
                case 'm': f |= Pattern.MULTILINE; break;
                case 's': f |= Pattern.DOTALL; break;
                case 'x': f |= Pattern.COMMENTS; break;
                case 'u': break;
                default: throw AggErrors.fail(51108, op + " invalid flag in regex options: " + c);
            }
        }
        try {
            return Pattern.compile(source, f);
        } catch (PatternSyntaxException e) {
            throw AggErrors.fail(51111, "Invalid Regex in " + op + ": " + e.getDescription());
        }
    }

    private static BsonValue match(String input, Pattern p) {
        return BsonBoolean.valueOf(input != null && p.matcher(input).find());
    }

    private static BsonValue find(String input, Pattern p) {
        if (input == null) {
            return BsonNull.VALUE;
        }
        Matcher m = p.matcher(input);
        return m.find() ? result(input, m) : BsonNull.VALUE;
    }

    private static BsonValue findAll(String input, Pattern p) {
        BsonArray out = new BsonArray();
        if (input == null) {
            return out;
        }
        Matcher m = p.matcher(input);
        int from = 0;
        while (from <= input.length() && m.find(from)) {
            out.add(result(input, m));
            from = m.end() > m.start() ? m.end()
                    : m.end() < input.length() ? input.offsetByCodePoints(m.end(), 1) : input.length() + 1;
        }
        return out;
    }

    private static BsonDocument result(String input, Matcher m) {
        BsonArray captures = new BsonArray();
        for (int g = 1; g <= m.groupCount(); g++) {
            String c = m.group(g);
            captures.add(c == null ? BsonNull.VALUE : new BsonString(c));
        }
        return new BsonDocument("match", new BsonString(m.group()))
                .append("idx", new BsonInt32(input.codePointCount(0, m.start())))
                .append("captures", captures);
    }
}
