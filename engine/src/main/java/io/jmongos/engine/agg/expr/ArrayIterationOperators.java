package io.jmongos.engine.agg.expr;

import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $map}, {@code $filter} (with {@code limit}) and {@code $reduce}: they bind variables per element. */
final class ArrayIterationOperators {
    private ArrayIterationOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$map", (n, a) -> map(a));
        ops.put("$filter", (n, a) -> filter(a));
        ops.put("$reduce", (n, a) -> reduce(a));
    }

    private static BsonDocument object(String op, BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(16878, op + " only supports an object as its argument");
        }
        return a.asDocument();
    }

    private static String as(BsonDocument d) {
        if (!d.containsKey("as")) {
            return "this";
        }
        if (!d.get("as").isString()) {
            throw AggErrors.fail(16866, "'as' must be a string");
        }
        String name = d.getString("as").getValue();
        Variables.validateName(name);
        return name;
    }

    private static Expression map(BsonValue a) {
        BsonDocument d = object("$map", a);
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("as") && !k.equals("in")) {
                throw AggErrors.fail(16879, "Unrecognized parameter to $map: " + k);
            }
        }
        if (!d.containsKey("input")) {
            throw AggErrors.fail(16880, "Missing 'input' parameter to $map");
        }
        if (!d.containsKey("in")) {
            throw AggErrors.fail(16882, "Missing 'in' parameter to $map");
        }
        String as = as(d);
        Expression input = ExpressionCompiler.compile(d.get("input"));
        Expression in = VariableScope.with(List.of(as), () -> ExpressionCompiler.compile(d.get("in")));
        return (root, vars) -> {
            BsonValue arr = input.evaluate(root, vars);
            if (Values.isNullish(arr)) {
                return BsonNull.VALUE;
            }
            if (!arr.isArray()) {
                throw AggErrors.fail(16883, "input to $map must be an array not " + Values.typeName(arr));
            }
            BsonArray out = new BsonArray();
            for (BsonValue e : arr.asArray()) {
                BsonValue r = in.evaluate(root, vars.with(as, e));
                out.add(r == null ? BsonNull.VALUE : r);
            }
            return out;
        };
    }

    private static Expression filter(BsonValue a) {
        BsonDocument d = object("$filter", a);
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("as") && !k.equals("cond") && !k.equals("limit")) {
                throw AggErrors.fail(28647, "Unrecognized parameter to $filter: " + k);
            }
        }
        if (!d.containsKey("input")) {
            throw AggErrors.fail(28648, "Missing 'input' parameter to $filter");
        }
        if (!d.containsKey("cond")) {
            throw AggErrors.fail(28650, "Missing 'cond' parameter to $filter");
        }
        String as = as(d);
        Expression input = ExpressionCompiler.compile(d.get("input"));
        Expression cond = VariableScope.with(List.of(as), () -> ExpressionCompiler.compile(d.get("cond")));
        Expression limit = d.containsKey("limit") ? ExpressionCompiler.compile(d.get("limit")) : null;
        return (root, vars) -> {
            BsonValue arr = input.evaluate(root, vars);
            long max = Long.MAX_VALUE;
            if (limit != null) {
                BsonValue l = limit.evaluate(root, vars);
                if (!Values.isNullish(l)) {
                    if (!Values.isNumber(l) || Numbers.toDouble(l) != Math.rint(Numbers.toDouble(l))
                            || Math.abs(Numbers.toDouble(l)) > Integer.MAX_VALUE) {
                        throw AggErrors.fail(327391, "$filter: limit must be represented as a 32-bit integral "
                                + "value: " + MathOperators.render(l));
                    }
                    max = Numbers.toLong(l);
                    if (max < 1) {
                        throw AggErrors.fail(327392, "$filter: limit must be greater than 0: " + max);
                    }
                }
            }
            if (Values.isNullish(arr)) {
                return BsonNull.VALUE;
            }
            if (!arr.isArray()) {
                throw AggErrors.fail(28651, "input to $filter must be an array not " + Values.typeName(arr));
            }
            BsonArray out = new BsonArray();
            for (BsonValue e : arr.asArray()) {
                if (out.size() >= max) {
                    break;
                }
                if (Values.isTruthy(cond.evaluate(root, vars.with(as, e)))) {
                    out.add(e);
                }
            }
            return out;
        };
    }

    private static Expression reduce(BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(40075, "$reduce requires an object as an argument, found: " + Values.typeName(a));
        }
        BsonDocument d = a.asDocument();
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("initialValue") && !k.equals("in")) {
                throw AggErrors.fail(40076, "$reduce found an unknown argument: " + k);
            }
        }
        if (!d.containsKey("input")) {
            throw AggErrors.fail(40077, "$reduce requires 'input' to be specified");
        }
        if (!d.containsKey("initialValue")) {
            throw AggErrors.fail(40078, "$reduce requires 'initialValue' to be specified");
        }
        if (!d.containsKey("in")) {
            throw AggErrors.fail(40079, "$reduce requires 'in' to be specified");
        }
        Expression input = ExpressionCompiler.compile(d.get("input"));
        Expression initial = ExpressionCompiler.compile(d.get("initialValue"));
        Expression in = VariableScope.with(List.of("value", "this"), () -> ExpressionCompiler.compile(d.get("in")));
        return (root, vars) -> {
            BsonValue arr = input.evaluate(root, vars);
            if (Values.isNullish(arr)) {
                return BsonNull.VALUE;
            }
            if (!arr.isArray()) {
                throw AggErrors.fail(40080, "$reduce requires that 'input' be an array, found: "
                        + Values.typeName(arr));
            }
            BsonValue acc = initial.evaluate(root, vars);
            for (BsonValue e : arr.asArray()) {
                acc = in.evaluate(root, vars.with("value", acc).with("this", e));
            }
            return acc;
        };
    }
}
