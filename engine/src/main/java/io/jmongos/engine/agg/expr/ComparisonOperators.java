package io.jmongos.engine.agg.expr;

import java.util.Map;
import java.util.function.IntPredicate;

import org.bson.BsonBoolean;
import org.bson.BsonInt32;

/** {@code $eq $ne $gt $gte $lt $lte $cmp} in MongoDB's BSON order (missing sorts below null). */
final class ComparisonOperators {
    private ComparisonOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        compare(ops, "$eq", c -> c == 0);
        compare(ops, "$ne", c -> c != 0);
        compare(ops, "$gt", c -> c > 0);
        compare(ops, "$gte", c -> c >= 0);
        compare(ops, "$lt", c -> c < 0);
        compare(ops, "$lte", c -> c <= 0);
        Operators.fixed(ops, "$cmp", 2, a -> new BsonInt32(Integer.signum(Values.compare(a[0], a[1]))));
    }

    private static void compare(Map<String, OperatorParser> ops, String name, IntPredicate test) {
        Operators.fixed(ops, name, 2, a -> BsonBoolean.valueOf(test.test(Values.compare(a[0], a[1]))));
    }
}
