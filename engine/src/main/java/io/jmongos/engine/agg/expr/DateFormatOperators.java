package io.jmongos.engine.agg.expr;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $dateToString $dateFromString $dateToParts $dateFromParts}. */
final class DateFormatOperators {
    private DateFormatOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$dateToString", (n, a) -> dateToString(a));
        ops.put("$dateFromString", (n, a) -> dateFromString(a));
        ops.put("$dateToParts", (n, a) -> dateToParts(a));
        ops.put("$dateFromParts", (n, a) -> dateFromParts(a));
    }

    /** The named arguments of a date operator, compiled; unknown names fail with {@code unknownCode}. */
    static Map<String, Expression> named(String op, BsonValue a, Set<String> allowed, int notObjectCode,
                                         int unknownCode) {
        if (!a.isDocument()) {
            throw AggErrors.fail(notObjectCode, op + " only supports an object as its argument");
        }
        Map<String, Expression> out = new HashMap<>();
        for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw AggErrors.fail(unknownCode, "Unrecognized parameter to " + op + ": " + e.getKey());
            }
            out.put(e.getKey(), ExpressionCompiler.compile(e.getValue()));
        }
        return out;
    }

    private static Expression dateToString(BsonValue a) {
        Map<String, Expression> args = named("$dateToString", a, Set.of("date", "format", "timezone", "onNull"),
                18629, 18534);
        if (!args.containsKey("date")) {
            throw AggErrors.fail(18628, "Missing 'date' parameter to $dateToString");
        }
        Expression format = args.get("format");
        if (format != null && format.isConstant()) {
            BsonValue f = format.evaluate(null, null);
            if (!Values.isNullish(f)) {
                if (!f.isString()) {
                    throw AggErrors.fail(18533, "$dateToString requires that 'format' be a string, found: "
                            + Values.typeName(f) + " with value " + f);
                }
                DateFormatting.validate(f.asString().getValue());
            }
        }
        Expression date = args.get("date");
        Expression zone = args.get("timezone");
        Expression onNull = args.get("onNull");
        return (root, vars) -> {
            BsonValue d = date.evaluate(root, vars);
            String fmt = DateFormatting.DEFAULT_FORMAT;
            if (format != null) {
                BsonValue f = format.evaluate(root, vars);
                if (Values.isNullish(f)) {
                    return BsonNull.VALUE;
                }
                if (!f.isString()) {
                    throw AggErrors.fail(18533, "$dateToString requires that 'format' be a string, found: "
                            + Values.typeName(f) + " with value " + f);
                }
                fmt = f.asString().getValue();
            }
            ZoneId z = ZoneOffset.UTC;
            if (zone != null) {
                z = TimeZones.of(zone.evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            if (Values.isNullish(d)) {
                return onNull != null ? onNull.evaluate(root, vars) : BsonNull.VALUE;
            }
            return new BsonString(DateFormatting.format(fmt, DateOperators.millis(d), z));
        };
    }

    private static Expression dateFromString(BsonValue a) {
        Map<String, Expression> args = named("$dateFromString", a,
                Set.of("dateString", "format", "timezone", "onError", "onNull"), 40540, 40541);
        if (!args.containsKey("dateString")) {
            throw AggErrors.fail(40542, "Missing 'dateString' parameter to $dateFromString");
        }
        Expression str = args.get("dateString");
        Expression format = args.get("format");
        Expression zone = args.get("timezone");
        Expression onError = args.get("onError");
        Expression onNull = args.get("onNull");
        return (root, vars) -> {
            BsonValue s = str.evaluate(root, vars);
            String fmt = null;
            if (format != null) {
                BsonValue f = format.evaluate(root, vars);
                if (Values.isNullish(f)) {
                    return BsonNull.VALUE;
                }
                if (!f.isString()) {
                    throw AggErrors.fail(40684, "$dateFromString requires that 'format' be a string, found: "
                            + Values.typeName(f) + " with value " + f);
                }
                fmt = f.asString().getValue();
                DateFormatting.validate(fmt);
            }
            ZoneId z = null;
            if (zone != null) {
                z = TimeZones.of(zone.evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            if (Values.isNullish(s)) {
                return onNull != null ? onNull.evaluate(root, vars) : BsonNull.VALUE;
            }
            try {
                if (!s.isString()) {
                    throw AggErrors.fail(ErrorCode.CONVERSION_FAILURE, "$dateFromString requires that 'dateString' "
                            + "be a string, found: " + Values.typeName(s) + " with value " + s);
                }
                return new BsonDateTime(DateParsing.parse(s.asString().getValue(), fmt, z));
            } catch (CommandFailedException e) {
                if (onError != null && e.code() == ErrorCode.CONVERSION_FAILURE.code()) {
                    return onError.evaluate(root, vars);
                }
                throw e;
            }
        };
    }

    private static Expression dateToParts(BsonValue a) {
        Map<String, Expression> args = named("$dateToParts", a, Set.of("date", "timezone", "iso8601"), 40524,
                40520);
        if (!args.containsKey("date")) {
            throw AggErrors.fail(40522, "Missing 'date' parameter to $dateToParts");
        }
        Expression date = args.get("date");
        Expression zone = args.get("timezone");
        Expression iso = args.get("iso8601");
        return (root, vars) -> {
            BsonValue d = date.evaluate(root, vars);
            ZoneId z = ZoneOffset.UTC;
            if (zone != null) {
                z = TimeZones.of(zone.evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            boolean isoParts = false;
            if (iso != null) {
                BsonValue i = iso.evaluate(root, vars);
                if (Values.isNullish(i)) {
                    return BsonNull.VALUE;
                }
                if (!i.isBoolean()) {
                    throw AggErrors.fail(40521, "iso8601 must evaluate to a bool, found " + Values.typeName(i));
                }
                isoParts = i.asBoolean().getValue();
            }
            if (Values.isNullish(d)) {
                return BsonNull.VALUE;
            }
            ZonedDateTime t = DateOperators.zoned(DateOperators.millis(d), z);
            BsonDocument out = new BsonDocument();
            if (isoParts) {
                out.append("isoWeekYear", new BsonInt32(t.get(IsoFields.WEEK_BASED_YEAR)))
                        .append("isoWeek", new BsonInt32(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)))
                        .append("isoDayOfWeek", new BsonInt32(t.getDayOfWeek().getValue()));
            } else {
                out.append("year", new BsonInt32(t.getYear()))
                        .append("month", new BsonInt32(t.getMonthValue()))
                        .append("day", new BsonInt32(t.getDayOfMonth()));
            }
            return out.append("hour", new BsonInt32(t.getHour()))
                    .append("minute", new BsonInt32(t.getMinute()))
                    .append("second", new BsonInt32(t.getSecond()))
                    .append("millisecond", new BsonInt32(t.get(ChronoField.MILLI_OF_SECOND)));
        };
    }

    private static Expression dateFromParts(BsonValue a) {
        Map<String, Expression> args = named("$dateFromParts", a, Set.of("year", "month", "day", "hour", "minute",
                "second", "millisecond", "timezone"), 40519, 40518);
        if (!args.containsKey("year")) {
            throw AggErrors.fail(40516, "$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
        }
        String[] names = {"year", "month", "day", "hour", "minute", "second", "millisecond"};
        long[] defaults = {1970, 1, 1, 0, 0, 0, 0};
        return (root, vars) -> {
            long[] p = new long[names.length];
            for (int i = 0; i < names.length; i++) {
                Expression e = args.get(names[i]);
                BsonValue v = e == null ? null : e.evaluate(root, vars);
                if (e != null && Values.isNullish(v)) {
                    return BsonNull.VALUE;
                }
                if (v == null) {
                    p[i] = defaults[i];
                    continue;
                }
                if (!Values.isNumber(v) || Numbers.toDouble(v) != Math.rint(Numbers.toDouble(v))) {
                    throw AggErrors.fail(40515, "'" + names[i] + "' must evaluate to an integer, found "
                            + Values.typeName(v) + " with value " + v);
                }
                p[i] = Numbers.toLong(v);
            }
            if (p[0] < 1 || p[0] > 9999) {
                throw AggErrors.fail(40523, "'year' must evaluate to an integer in the range 1 to 9999, found "
                        + p[0]);
            }
            ZoneId z = ZoneOffset.UTC;
            if (args.containsKey("timezone")) {
                z = TimeZones.of(args.get("timezone").evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            LocalDateTime t = LocalDateTime.of((int) p[0], 1, 1, 0, 0).plusMonths(p[1] - 1).plusDays(p[2] - 1)
                    .plusHours(p[3]).plusMinutes(p[4]).plusSeconds(p[5]).plusNanos(p[6] * 1_000_000);
            return new BsonDateTime(t.atZone(z).toInstant().toEpochMilli());
        };
    }
}
