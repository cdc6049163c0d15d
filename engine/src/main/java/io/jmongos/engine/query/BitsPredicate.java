package io.jmongos.engine.query;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonValue;

/**
 * {@code $bitsAllSet $bitsAllClear $bitsAnySet $bitsAnyClear}: tests bit positions of integral numbers (two's
 * complement, sign-extended beyond bit 63) and of binary data (little-endian bytes, zero beyond the end).
 */
final class BitsPredicate implements ValuePredicate {
    enum Mode { ALL_SET, ALL_CLEAR, ANY_SET, ANY_CLEAR }

    private final Mode mode;
    private final int[] positions;

    BitsPredicate(String op, Mode mode, BsonValue arg) {
        this.mode = mode;
        this.positions = parse(op, arg);
    }

    private static int[] parse(String op, BsonValue arg) {
        List<Integer> out = new ArrayList<>();
        if (arg.isNumber() || arg.isDecimal128()) {
            double d = arg.isDecimal128() ? arg.asDecimal128().doubleValue() : arg.asNumber().doubleValue();
            if (arg.isDouble() && (d != Math.rint(d) || d >= 9.223372036854775807E18)) {
                throw bad(op + " cannot represent as a 64-bit integer: " + op + ": " + arg);
            }
            long mask = arg.isInt64() ? arg.asInt64().getValue() : arg.isInt32() ? arg.asInt32().getValue() : (long) d;
            if (mask < 0) {
                throw bad(op + " cannot be negative: " + op + ": " + arg);
            }
            for (int i = 0; i < 63; i++) {
                if ((mask >>> i & 1) != 0) {
                    out.add(i);
                }
            }
        } else if (arg.isArray()) {
            for (BsonValue p : arg.asArray()) {
                if (!p.isNumber()) {
                    throw bad("bit positions must be an integer but got: " + p);
                }
                double d = p.asNumber().doubleValue();
                if (d != Math.rint(d) || d > Integer.MAX_VALUE) {
                    throw bad("bit positions must be an integer but got: " + p);
                }
                if (d < 0) {
                    throw bad("bit positions must be >= 0 but got: " + p);
                }
                out.add((int) d);
            }
        } else if (arg.isBinary()) {
            byte[] data = arg.asBinary().getData();
            for (int i = 0; i < data.length * 8; i++) {
                if ((data[i / 8] >> (i % 8) & 1) != 0) {
                    out.add(i);
                }
            }
        } else {
            throw bad(op + " takes an Array, a number, or a BinData but received: " + op + ": " + arg);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static CommandFailedException bad(String msg) {
        return new CommandFailedException(ErrorCode.BAD_VALUE, msg);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return false;
        }
        byte[] bin = null;
        long num = 0;
        if (value.isBinary()) {
            bin = value.asBinary().getData();
        } else if (value.isInt32() || value.isInt64()) {
            num = value.isInt32() ? value.asInt32().getValue() : value.asInt64().getValue();
        } else if (value.isDouble() || value.isDecimal128()) {
            double d = value.isDouble() ? value.asDouble().getValue() : value.asDecimal128().doubleValue();
            if (d != Math.rint(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
                return false;
            }
            num = (long) d;
        } else {
            return false;
        }
        for (int p : positions) {
            boolean set = bin != null ? p / 8 < bin.length && (bin[p / 8] >> (p % 8) & 1) != 0
                    : p >= 64 ? num < 0 : (num >>> p & 1) != 0;
            switch (mode) {
                case ALL_SET: if (!set) { return false; } break;
                case ALL_CLEAR: if (set) { return false; } break;
                case ANY_SET: if (set) { return true; } break;
                default: if (!set) { return true; } break;
            }
        }
        return mode == Mode.ALL_SET || mode == Mode.ALL_CLEAR;
    }
}
