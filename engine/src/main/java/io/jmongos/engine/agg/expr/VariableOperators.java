package io.jmongos.engine.agg.expr;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $literal} and {@code $let}. */
final class VariableOperators {
    private VariableOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$literal", (n, a) -> new LiteralExpression(a));
        ops.put("$let", (n, a) -> let(a));
    }

    private static Expression let(BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(16874, "$let only supports an object as its argument");
        }
        BsonDocument d = a.asDocument();
        BsonValue varsSpec = null;
        BsonValue inSpec = null;
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            if (e.getKey().equals("vars")) {
                varsSpec = e.getValue();
            } else if (e.getKey().equals("in")) {
                inSpec = e.getValue();
            } else {
                throw AggErrors.fail(16875, "Unrecognized parameter to $let: " + e.getKey());
            }
        }
        if (varsSpec == null) {
            throw AggErrors.fail(16876, "Missing 'vars' parameter to $let");
        }
        if (inSpec == null) {
            throw AggErrors.fail(16877, "Missing 'in' parameter to $let");
        }
        if (!varsSpec.isDocument()) {
            throw AggErrors.fail(10065, "invalid parameter: expected an object (vars)");
        }
        Map<String, Expression> bindings = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : varsSpec.asDocument().entrySet()) {
            if (!Variables.CURRENT.equals(e.getKey())) {
                Variables.validateName(e.getKey());
            }
            bindings.put(e.getKey(), ExpressionCompiler.compile(e.getValue()));
        }
        BsonValue body = inSpec;
        Expression in = VariableScope.with(bindings.keySet(), () -> ExpressionCompiler.compile(body));
        return (root, vars) -> {
            Variables scope = vars;
            for (Map.Entry<String, Expression> b : bindings.entrySet()) {
                scope = scope.with(b.getKey(), b.getValue().evaluate(root, vars));
            }
            return in.evaluate(root, scope);
        };
    }
}
