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
            if (!a.isDocument() || !a.asDocument().isEmpty()) {
                throw AggErrors.fail(3040500, "$rand does not currently accept arguments");
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
