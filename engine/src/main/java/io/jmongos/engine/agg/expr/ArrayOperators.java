package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $size $arrayElemAt $first $last $in $concatArrays $slice $isArray $range $reverseArray $indexOfArray}. */
final class ArrayOperators {
    /** $range refuses arrays beyond this many bytes (MongoDB's internalQueryMaxRangeBytes default, 100 MiB). */
    static final long MAX_RANGE_BYTES = 100L * 1024 * 1024;
    /** Approximate bytes of one element of a $range result (MongoDB counts each Value's approximate size). */
    static final long RANGE_ELEMENT_BYTES = 16;

    private ArrayOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.fixed(ops, "$size", 1, a -> {
            if (a[0] == null || !a[0].isArray()) {
                throw AggErrors.fail(17124, "The argument to $size must be an array. Type of argument is: "
                        + Values.typeName(a[0]));
            }
            return new BsonInt32(a[0].asArray().size());
        });
        Operators.fixed(ops, "$isArray", 1, a -> BsonBoolean.valueOf(a[0] != null && a[0].isArray()));
        Operators.fixed(ops, "$arrayElemAt", 2, a -> elemAt("$arrayElemAt", a[0], a[1]));
        Operators.fixed(ops, "$first", 1, a -> firstOrLast("$first", a[0], true));
        Operators.fixed(ops, "$last", 1, a -> firstOrLast("$last", a[0], false));
        Operators.fixed(ops, "$in", 2, a -> {
            if (a[1] == null || !a[1].isArray()) {
                throw AggErrors.fail(40081, "$in requires an array as a second argument, found: "
                        + Values.typeName(a[1]));
            }
            for (BsonValue e : a[1].asArray()) {
                if (Values.compare(a[0], e) == 0) {
                    return BsonBoolean.TRUE;
                }
            }
            return BsonBoolean.FALSE;
        });
        Operators.variadic(ops, "$concatArrays", ArrayOperators::concatArrays);
        Operators.ranged(ops, "$slice", 2, 3, ArrayOperators::slice);
        Operators.ranged(ops, "$range", 2, 3, ArrayOperators::range);
        Operators.fixed(ops, "$reverseArray", 1, a -> {
            if (Values.isNullish(a[0])) {
                return BsonNull.VALUE;
            }
            if (!a[0].isArray()) {
                throw AggErrors.fail(34435, "The argument to $reverseArray must be an array, but was of type: "
                        + Values.typeName(a[0]));
            }
            List<BsonValue> list = new ArrayList<>(a[0].asArray().getValues());
            java.util.Collections.reverse(list);
            return new BsonArray(list);
        });
        Operators.ranged(ops, "$indexOfArray", 2, 4, ArrayOperators::indexOfArray);
        ArrayIterationOperators.register(ops);
        SetOperators.register(ops);
        ObjectOperators.register(ops);
    }

    static BsonValue elemAt(String op, BsonValue arr, BsonValue idx) {
        if (Values.isNullish(arr) || Values.isNullish(idx)) {
            return BsonNull.VALUE;
        }
        if (!arr.isArray()) {
            throw AggErrors.fail(28689, op + "'s first argument must be an array, but is " + Values.typeName(arr));
        }
        if (!Values.isNumber(idx)) {
            throw AggErrors.fail(28690, op + "'s second argument must be a numeric value, but is "
                    + Values.typeName(idx));
        }
        long i = int32(idx, 28691, op + "'s second argument must be representable as a 32-bit integer: ");
        List<BsonValue> list = arr.asArray().getValues();
        if (i < 0) {
            i += list.size();
        }
        return i < 0 || i >= list.size() ? null : list.get((int) i);
    }

    private static BsonValue firstOrLast(String op, BsonValue arr, boolean first) {
        if (Values.isNullish(arr)) {
            return BsonNull.VALUE;
        }
        if (!arr.isArray()) {
            throw AggErrors.fail(28689, op + "'s argument must be an array, but is " + Values.typeName(arr));
        }
        List<BsonValue> list = arr.asArray().getValues();
        return list.isEmpty() ? null : list.get(first ? 0 : list.size() - 1);
    }

    /** The value as an int, or error {@code code} with {@code message} + the value. */
    static int int32(BsonValue v, int code, String message) {
        double d = Numbers.toDouble(v);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw AggErrors.fail(code, message + MathOperators.render(v));
        }
        return (int) d;
    }

    private static BsonValue concatArrays(BsonValue[] args) {
        BsonArray out = new BsonArray();
        for (BsonValue v : args) {
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (!v.isArray()) {
                throw AggErrors.fail(28664, "$concatArrays only supports arrays, not " + Values.typeName(v));
            }
            out.addAll(v.asArray());
        }
        return out;
    }

    private static BsonValue slice(BsonValue[] a) {
        for (BsonValue v : a) {
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
        }
        if (!a[0].isArray()) {
            throw AggErrors.fail(28724, "First argument to $slice must be an array, but is of type: "
                    + Values.typeName(a[0]));
        }
        if (!Values.isNumber(a[1])) {
            throw AggErrors.fail(28725, "Second argument to $slice must be a numeric value, but is of type: "
                    + Values.typeName(a[1]));
        }
        List<BsonValue> list = a[0].asArray().getValues();
        int size = list.size();
        int second = int32(a[1], 28726, "Second argument to $slice can't be represented as a 32-bit integer: ");
        long from;
        long to;
        if (a.length == 2) {
            if (second >= 0) {
                from = 0;
                to = Math.min(size, second);
            } else {
                from = Math.max(0, size + (long) second);
                to = size;
            }
        } else {
            if (!Values.isNumber(a[2])) {
                throw AggErrors.fail(28727, "Third argument to $slice must be numeric, but is of type: "
                        + Values.typeName(a[2]));
            }
            int n = int32(a[2], 28728, "Third argument to $slice can't be represented as a 32-bit integer: ");
            if (n <= 0) {
                throw AggErrors.fail(28729, "Third argument to $slice must be positive: " + MathOperators.render(a[2]));
            }
            from = second >= 0 ? Math.min(size, second) : Math.max(0, size + (long) second);
            to = Math.min(size, from + n);
        }
        return new BsonArray(new ArrayList<>(list.subList((int) from, (int) to)));
    }

    private static BsonValue range(BsonValue[] a) {
        int start = rangeArg(a[0], "a starting value", 34443, 34444);
        int end = rangeArg(a[1], "an ending value", 34445, 34446);
        int step = a.length > 2 ? rangeArg(a[2], "a step value", 34447, 34448) : 1;
        if (step == 0) {
            throw AggErrors.fail(34449, "$range requires a non-zero step value");
        }
        long steps = ((long) end - start) / step;
        long needed = (steps >= 0 ? 1 + steps : 0) * RANGE_ELEMENT_BYTES;
        if (needed >= MAX_RANGE_BYTES) {
            throw AggErrors.fail(146, "$range would use too much memory (" + needed + " bytes) and cannot spill to "
                    + "disk. Memory limit: " + MAX_RANGE_BYTES + " bytes");
        }
        BsonArray out = new BsonArray();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            out.add(new BsonInt32((int) i));
        }
        return out;
    }

    private static int rangeArg(BsonValue v, String what, int typeCode, int rangeCode) {
        if (!Values.isNumber(v)) {
            String noun = what.substring(what.indexOf(' ') + 1);
            throw AggErrors.fail(typeCode, "$range requires a numeric " + noun + ", found value of type:"
                    + (typeCode == 34447 ? "" : " ") + Values.typeName(v));
        }
        return int32(v, rangeCode, "$range requires " + what + " that can be represented as a 32-bit "
                + "integer, found value: ");
    }

    private static BsonValue indexOfArray(BsonValue[] a) {
        if (Values.isNullish(a[0])) {
            return BsonNull.VALUE;
        }
        if (!a[0].isArray()) {
            throw AggErrors.fail(40090, "$indexOfArray requires an array as a first argument, found: "
                    + Values.typeName(a[0]));
        }
        List<BsonValue> list = a[0].asArray().getValues();
        int start = a.length > 2 ? SubstringOperators.index("$indexOfArray", a[2], "starting index") : 0;
        int end = a.length > 3 ? Math.min(list.size(), SubstringOperators.index("$indexOfArray", a[3],
                "ending index")) : list.size();
        for (int i = start; i < end; i++) {
            if (Values.compare(list.get(i), a[1]) == 0) {
                return new BsonInt32(i);
            }
        }
        return new BsonInt32(-1);
    }
}
