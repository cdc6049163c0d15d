package io.jmongos.engine.agg.expr;

import java.util.List;
import java.util.Map;

import org.bson.BsonBoolean;

/** {@code $and $or} (short-circuit, MongoDB truthiness) and {@code $not}. */
final class BooleanOperators {
    private BooleanOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$and", (n, a) -> {
            List<Expression> args = ExpressionCompiler.compileArgs(a);
            return (root, vars) -> {
                for (Expression e : args) {
                    if (!Values.isTruthy(e.evaluate(root, vars))) {
                        return BsonBoolean.FALSE;
                    }
                }
                return BsonBoolean.TRUE;
            };
        });
        ops.put("$or", (n, a) -> {
            List<Expression> args = ExpressionCompiler.compileArgs(a);
            return (root, vars) -> {
                for (Expression e : args) {
                    if (Values.isTruthy(e.evaluate(root, vars))) {
                        return BsonBoolean.TRUE;
                    }
                }
                return BsonBoolean.FALSE;
            };
        });
        Operators.fixed(ops, "$not", 1, a -> BsonBoolean.valueOf(!Values.isTruthy(a[0])));
    }
}
