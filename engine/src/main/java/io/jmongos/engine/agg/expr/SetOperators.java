package io.jmongos.engine.agg.expr;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** Set operators over arrays (duplicates removed, first-seen order) and {@code $allElementsTrue/$anyElementTrue}. */
final class SetOperators {
    private SetOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.variadic(ops, "$setUnion", a -> {
            Set<ValueKey> out = new LinkedHashSet<>();
            for (BsonValue v : a) {
                if (Values.isNullish(v)) {
                    return BsonNull.VALUE;
                }
                out.addAll(set(v, 17043, "All operands of $setUnion must be arrays. One argument is of type: "));
            }
            return array(out);
        });
        Operators.variadic(ops, "$setIntersection", a -> {
            Set<ValueKey> out = null;
            for (BsonValue v : a) {
                if (Values.isNullish(v)) {
                    return BsonNull.VALUE;
                }
                Set<ValueKey> s = set(v, 17047, "All operands of $setIntersection must be arrays. One argument is of "
                        + "type: ");
                if (out == null) {
                    out = s;
                } else {
                    out.retainAll(s);
                }
            }
            return array(out == null ? new LinkedHashSet<>() : out);
        });
        Operators.fixed(ops, "$setDifference", 2, a -> {
            if (Values.isNullish(a[0]) || Values.isNullish(a[1])) {
                return BsonNull.VALUE;
            }
            Set<ValueKey> s = set(a[0], 17048, "both operands of $setDifference must be arrays. First argument is "
                    + "of type: ");
            s.removeAll(set(a[1], 17049, "both operands of $setDifference must be arrays. Second argument is of "
                    + "type: "));
            return array(s);
        });
        ops.put("$setEquals", (n, args) -> {
            int count = ExpressionCompiler.compileArgs(args).size();
            if (count < 2) {
                throw AggErrors.fail(17045, "$setEquals needs at least two arguments had: " + count);
            }
            return new FunctionExpression(ExpressionCompiler.compileArgs(args), a -> {
                Set<ValueKey> first = null;
                for (BsonValue v : a) {
                    Set<ValueKey> s = set(v, 17044, "All operands of $setEquals must be arrays. One argument is of "
                            + "type: ");
                    if (first == null) {
                        first = s;
                    } else if (!first.equals(s)) {
                        return BsonBoolean.FALSE;
                    }
                }
                return BsonBoolean.TRUE;
            });
        });
        Operators.fixed(ops, "$setIsSubset", 2, a -> {
            Set<ValueKey> s = set(a[0], 17046, "both operands of $setIsSubset must be arrays. First argument is of "
                    + "type: ");
            Set<ValueKey> t = set(a[1], 17042, "both operands of $setIsSubset must be arrays. Second argument is of "
                    + "type: ");
            return BsonBoolean.valueOf(t.containsAll(s));
        });
        Operators.fixed(ops, "$allElementsTrue", 1, a -> {
            for (BsonValue v : elements("$allElementsTrue", a[0])) {
                if (!Values.isTruthy(v)) {
                    return BsonBoolean.FALSE;
                }
            }
            return BsonBoolean.TRUE;
        });
        Operators.fixed(ops, "$anyElementTrue", 1, a -> {
            for (BsonValue v : elements("$anyElementTrue", a[0])) {
                if (Values.isTruthy(v)) {
                    return BsonBoolean.TRUE;
                }
            }
            return BsonBoolean.FALSE;
        });
    }

    private static BsonArray elements(String op, BsonValue v) {
        if (v == null || !v.isArray()) {
            throw AggErrors.fail(17040, op + "'s argument must be an array, but is " + Values.typeName(v));
        }
        return v.asArray();
    }

    private static Set<ValueKey> set(BsonValue v, int code, String message) {
        if (v == null || !v.isArray()) {
            throw AggErrors.fail(code, message + Values.typeName(v));
        }
        Set<ValueKey> s = new LinkedHashSet<>();
        for (BsonValue e : v.asArray()) {
            s.add(new ValueKey(e));
        }
        return s;
    }

    private static BsonArray array(Set<ValueKey> s) {
        BsonArray out = new BsonArray();
        s.forEach(k -> out.add(k.value()));
        return out;
    }
}
