package io.jmongos.engine.query;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonArray;
import org.bson.BsonValue;

/** {@code $mod: [divisor, remainder]}: numeric values whose truncated integer part has that remainder. */
final class ModPredicate implements ValuePredicate {
    private final long divisor;
    private final long remainder;

    ModPredicate(BsonValue arg) {
        if (!arg.isArray()) {
            throw bad("malformed mod, needs to be an array");
        }
        BsonArray a = arg.asArray();
        if (a.size() < 2) {
            throw bad("malformed mod, not enough elements");
        }
        if (a.size() > 2) {
            throw bad("malformed mod, too many elements");
        }
        if (!isNumber(a.get(0))) {
            throw bad("malformed mod, divisor not a number");
        }
        if (!isNumber(a.get(1))) {
            throw bad("malformed mod, remainder not a number");
        }
        this.divisor = toLong(a.get(0), "divisor");
        this.remainder = toLong(a.get(1), "remainder");
        if (divisor == 0) {
            throw bad("divisor cannot be 0");
        }
    }

    private static boolean isNumber(BsonValue v) {
        return v.isNumber() || v.isDecimal128();
    }

    private static long toLong(BsonValue v, String what) {
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            throw bad("malformed mod, " + what + " value is invalid :: caused by :: Out of bounds coercing to "
                    + "integral value");
        }
        return v.isInt64() ? v.asInt64().getValue() : v.isInt32() ? v.asInt32().getValue() : (long) d;
    }

    private static CommandFailedException bad(String msg) {
        return new CommandFailedException(ErrorCode.BAD_VALUE, msg);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null || !isNumber(value)) {
            return false;
        }
        long v;
        if (value.isInt32()) {
            v = value.asInt32().getValue();
        } else if (value.isInt64()) {
            v = value.asInt64().getValue();
        } else {
            double d = value.isDecimal128() ? value.asDecimal128().doubleValue() : value.asDouble().getValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return false;
            }
            v = (long) d;
        }
        return divisor == -1 ? remainder == 0 : v % divisor == remainder;
    }
}
