package io.jmongos.engine.agg.expr;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.jmongos.common.ErrorCode;

import org.bson.BsonDouble;

/** {@code $rand}, and refusals for operators jmongos does not implement (so they never pass silently). */
final class MiscOperators {
    private MiscOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$rand", (n, a) -> {
            // MongoDB (expression.cpp, ExpressionRandom::parse): {} and [] are the call without arguments, a
            // non-empty document or array is 3040501, a scalar 10065 (the object-argument check)
            if (!a.isDocument() && !a.isArray()) {
                throw AggErrors.fail(10065, "invalid parameter: expected an object ($rand)");
            }
            if (a.isDocument() ? !a.asDocument().isEmpty() : !a.asArray().isEmpty()) {
                throw AggErrors.fail(3040501, "$rand does not currently accept arguments");
            }
            return (root, vars) -> new BsonDouble(ThreadLocalRandom.current().nextDouble());
        });
        for (String unsupported : new String[] {"$function", "$accumulator", "$meta", "$toHashedIndexKey"}) {
            ops.put(unsupported, (n, a) -> {
                throw AggErrors.fail(ErrorCode.NOT_IMPLEMENTED,
                        "jmongos does not support the expression " + n);
            });
        }
    }
}
