package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $getField $setField $unsetField} (field names taken literally, dots and '$' included) and {@code $zip}. */
final class FieldOperators {
    private FieldOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$getField", (n, a) -> getField(a));
        ops.put("$setField", (n, a) -> setField(n, a, false));
        ops.put("$unsetField", (n, a) -> setField(n, a, true));
        ops.put("$zip", (n, a) -> zip(a));
    }

    private static Expression getField(BsonValue a) {
        Expression field;
        Expression input;
        if (a.isDocument() && !(a.asDocument().size() > 0 && a.asDocument().getFirstKey().startsWith("$"))) {
            BsonDocument d = a.asDocument();
            for (String k : d.keySet()) {
                if (!k.equals("field") && !k.equals("input")) {
                    throw AggErrors.fail(3041701, "$getField found an unknown argument: " + k);
                }
            }
            if (!d.containsKey("field")) {
                throw AggErrors.fail(3041702, "$getField requires 'field' to be specified");
            }
            field = fieldName("$getField", d.get("field"));
            input = d.containsKey("input") ? ExpressionCompiler.compile(d.get("input"))
                    : ExpressionCompiler.compile(new BsonString("$$CURRENT"));
        } else {
            field = fieldName("$getField", a);
            input = ExpressionCompiler.compile(new BsonString("$$CURRENT"));
        }
        return (root, vars) -> {
            BsonValue in = input.evaluate(root, vars);
            if (Values.isNullish(in)) {
                return in == null ? null : BsonNull.VALUE;
            }
            if (!in.isDocument()) {
                return null;
            }
            return in.asDocument().get(field.evaluate(root, vars).asString().getValue());
        };
    }

    private static Expression fieldName(String op, BsonValue spec) {
        Expression e = ExpressionCompiler.compile(spec);
        if (!e.isConstant() || !e.evaluate(null, null).isString()) {
            throw AggErrors.fail(5654602, op + " requires 'field' to evaluate to a constant, but got a "
                    + "non-constant argument");
        }
        return e;
    }

    private static Expression setField(String op, BsonValue a, boolean unset) {
        if (!a.isDocument()) {
            throw AggErrors.fail(4161100, op + " only supports an object as its argument");
        }
        BsonDocument d = a.asDocument();
        for (String k : d.keySet()) {
            if (!k.equals("field") && !k.equals("input") && !(k.equals("value") && !unset)) {
                throw AggErrors.fail(4161101, op + " found an unknown argument: " + k);
            }
        }
        if (!d.containsKey("field") || !d.containsKey("input") || (!unset && !d.containsKey("value"))) {
            throw AggErrors.fail(4161102, op + " requires 'field', 'input'" + (unset ? "" : " and 'value'")
                    + " to be specified");
        }
        String field = fieldName(op, d.get("field")).evaluate(null, null).asString().getValue();
        Expression input = ExpressionCompiler.compile(d.get("input"));
        Expression value = unset ? null : ExpressionCompiler.compile(d.get("value"));
        return (root, vars) -> {
            BsonValue in = input.evaluate(root, vars);
            if (Values.isNullish(in)) {
                return BsonNull.VALUE;
            }
            if (!in.isDocument()) {
                throw AggErrors.fail(4161105, op + " requires 'input' to evaluate to type Object");
            }
            BsonDocument out = in.asDocument().clone();
            BsonValue v = value == null ? null : value.evaluate(root, vars);
            if (v == null) {
                out.remove(field);
            } else {
                out.put(field, v);
            }
            return out;
        };
    }

    private static Expression zip(BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(34460, "$zip only supports an object as an argument, found " + Values.typeName(a));
        }
        BsonDocument d = a.asDocument();
        for (String k : d.keySet()) {
            if (!k.equals("inputs") && !k.equals("useLongestLength") && !k.equals("defaults")) {
                throw AggErrors.fail(34464, "$zip found an unknown argument: " + k);
            }
        }
        if (!d.containsKey("inputs") || !d.get("inputs").isArray()) {
            throw AggErrors.fail(34461, "inputs must be an array of expressions, found " + (d.containsKey("inputs")
                    ? Values.typeName(d.get("inputs")) : "missing"));
        }
        boolean longest = d.containsKey("useLongestLength") && d.get("useLongestLength").isBoolean()
                && d.getBoolean("useLongestLength").getValue();
        List<Expression> inputs = ExpressionCompiler.compileArgs(d.get("inputs"));
        List<Expression> defaults = d.containsKey("defaults") ? ExpressionCompiler.compileArgs(d.get("defaults"))
                : null;
        if (defaults != null && !longest) {
            throw AggErrors.fail(34466, "cannot specify defaults unless useLongestLength is true");
        }
        if (defaults != null && defaults.size() != inputs.size()) {
            throw AggErrors.fail(34467, "defaults and inputs must have the same length");
        }
        return (root, vars) -> {
            List<BsonArray> arrays = new ArrayList<>();
            for (Expression e : inputs) {
                BsonValue v = e.evaluate(root, vars);
                if (Values.isNullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!v.isArray()) {
                    throw AggErrors.fail(34468, "$zip found a non-array expression in input: " + v);
                }
                arrays.add(v.asArray());
            }
            int n = arrays.isEmpty() ? 0 : longest ? arrays.stream().mapToInt(BsonArray::size).max().getAsInt()
                    : arrays.stream().mapToInt(BsonArray::size).min().getAsInt();
            BsonArray out = new BsonArray();
            for (int i = 0; i < n; i++) {
                BsonArray row = new BsonArray();
                for (int j = 0; j < arrays.size(); j++) {
                    if (i < arrays.get(j).size()) {
                        row.add(arrays.get(j).get(i));
                    } else {
                        BsonValue dv = defaults == null ? null : defaults.get(j).evaluate(root, vars);
                        row.add(dv == null ? BsonNull.VALUE : dv);
                    }
                }
                out.add(row);
            }
            return out;
        };
    }
}
