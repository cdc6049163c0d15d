package io.jmongos.engine.agg.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $substrCP}, {@code $substrBytes} (alias {@code $substr}), {@code $indexOfCP}, {@code $indexOfBytes}. */
final class SubstringOperators {
    private SubstringOperators() {
    }

    static BsonValue substrCP(BsonValue input, BsonValue index, BsonValue length) {
        String s = StringCoercion.coerce(input);
        if (!Values.isNumber(index)) {
            throw AggErrors.fail(34450, "$substrCP: starting index must be a numeric type (is BSON type "
                    + Values.typeName(index) + ")");
        }
        if (!Values.isNumber(length)) {
            throw AggErrors.fail(34452, "$substrCP: length must be a numeric type (is BSON type "
                    + Values.typeName(length) + ")");
        }
        int start = int32("$substrCP: starting index", 34451, index);
        int len = int32("$substrCP: length", 34453, length);
        if (len < 0) {
            throw AggErrors.fail(34454, "$substrCP: length must be a nonnegative integer.");
        }
        if (start < 0) {
            throw AggErrors.fail(34455, "$substrCP: the starting index must be nonnegative integer.");
        }
        int cps = s.codePointCount(0, s.length());
        if (start >= cps) {
            return new BsonString("");
        }
        int from = s.offsetByCodePoints(0, start);
        int to = s.offsetByCodePoints(from, Math.min(len, cps - start));
        return new BsonString(s.substring(from, to));
    }

    private static int int32(String what, int code, BsonValue v) {
        double d = Numbers.toDouble(v);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw AggErrors.fail(code, what + " cannot be represented as a 32-bit integral value: "
                    + MathOperators.render(v));
        }
        return (int) d;
    }

    static BsonValue substrBytes(String op, BsonValue input, BsonValue start, BsonValue length) {
        String s = StringCoercion.coerce(input);
        if (!Values.isNumber(start)) {
            throw AggErrors.fail(16034, op + ":  starting index must be a numeric type (is BSON type "
                    + Values.typeName(start) + ")");
        }
        if (!Values.isNumber(length)) {
            throw AggErrors.fail(16035, op + ":  length must be a numeric type (is BSON type "
                    + Values.typeName(length) + ")");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        long from = Numbers.toLong(start);
        long len = Numbers.toLong(length);
        if (from < 0) {
            throw AggErrors.fail(50752, op + ":  starting index must be non-negative (got: " + from + ")");
        }
        if (from >= bytes.length) {
            return new BsonString("");
        }
        long to = len < 0 ? bytes.length : Math.min((long) bytes.length, from + len);
        if (isContinuation(bytes, (int) from)) {
            throw AggErrors.fail(28656, op + ":  Invalid range, starting index is a UTF-8 continuation byte.");
        }
        if (to < bytes.length && isContinuation(bytes, (int) to)) {
            throw AggErrors.fail(28657, op + ":  Invalid range, ending index is in the middle of a UTF-8 "
                    + "character.");
        }
        return new BsonString(new String(Arrays.copyOfRange(bytes, (int) from, (int) to), StandardCharsets.UTF_8));
    }

    private static boolean isContinuation(byte[] b, int i) {
        return (b[i] & 0xC0) == 0x80;
    }

    static BsonValue indexOf(String op, BsonValue[] a, boolean bytes) {
        if (Values.isNullish(a[0])) {
            return BsonNull.VALUE;
        }
        if (!a[0].isString()) {
            throw AggErrors.fail(bytes ? 40091 : 40093, op + " requires a string as the first argument, found: "
                    + Values.typeName(a[0]));
        }
        if (a[1] == null || !a[1].isString()) {
            throw AggErrors.fail(bytes ? 40092 : 40094, op + " requires a string as the second argument, found: "
                    + Values.typeName(a[1]));
        }
        String s = a[0].asString().getValue();
        String find = a[1].asString().getValue();
        int units = bytes ? s.getBytes(StandardCharsets.UTF_8).length : s.codePointCount(0, s.length());
        int start = a.length > 2 ? index(op, a[2], "starting index") : 0;
        int end = a.length > 3 ? Math.min(units, index(op, a[3], "ending index")) : units;
        if (start > units || start > end) {
            return new BsonInt32(-1);
        }
        if (bytes) {
            byte[] hay = s.getBytes(StandardCharsets.UTF_8);
            byte[] needle = find.getBytes(StandardCharsets.UTF_8);
            for (int i = start; i + needle.length <= end; i++) {
                if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                    return new BsonInt32(i);
                }
            }
            return new BsonInt32(-1);
        }
        int findCps = find.codePointCount(0, find.length());
        int offset = s.offsetByCodePoints(0, start);
        for (int cp = start; cp + findCps <= end; cp++) {
            if (s.startsWith(find, offset)) {
                return new BsonInt32(cp);
            }
            if (offset < s.length()) {
                offset = s.offsetByCodePoints(offset, 1);
            }
        }
        return new BsonInt32(-1);
    }

    /** MongoDB's check of index arguments (its 40096 message has no space after the operator name). */
    static int index(String op, BsonValue v, String what) {
        boolean integral = Values.isNumber(v) && Numbers.toDouble(v) == Math.rint(Numbers.toDouble(v));
        if (!integral) {
            throw AggErrors.fail(40096, op + "requires an integral " + what + ", found a value of type: "
                    + Values.typeName(v) + ", with value: " + MathOperators.render(v));
        }
        long i = Numbers.toLong(v);
        if (i < 0) {
            throw AggErrors.fail(40097, op + " requires a nonnegative " + what + ", found: " + i);
        }
        return (int) Math.min(i, Integer.MAX_VALUE);
    }
}
