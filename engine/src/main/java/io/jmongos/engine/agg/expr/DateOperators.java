package io.jmongos.engine.agg.expr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** Date part operators ({@code $year ... $millisecond}, weeks) with an optional timezone; formats elsewhere. */
final class DateOperators {
    private DateOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        part(ops, "$year", ZonedDateTime::getYear);
        part(ops, "$month", ZonedDateTime::getMonthValue);
        part(ops, "$dayOfMonth", ZonedDateTime::getDayOfMonth);
        part(ops, "$hour", ZonedDateTime::getHour);
        part(ops, "$minute", ZonedDateTime::getMinute);
        part(ops, "$second", ZonedDateTime::getSecond);
        part(ops, "$millisecond", z -> z.get(ChronoField.MILLI_OF_SECOND));
        part(ops, "$dayOfWeek", z -> z.getDayOfWeek().getValue() % 7 + 1);
        part(ops, "$dayOfYear", ZonedDateTime::getDayOfYear);
        part(ops, "$week", DateOperators::sundayWeek);
        part(ops, "$isoWeek", z -> z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        part(ops, "$isoWeekYear", z -> z.get(IsoFields.WEEK_BASED_YEAR));
        part(ops, "$isoDayOfWeek", z -> z.getDayOfWeek().getValue());
        DateFormatOperators.register(ops);
        DateArithmeticOperators.register(ops);
    }

    /** strftime's %U: weeks start on Sunday; days before the year's first Sunday are in week 0. */
    static int sundayWeek(ZonedDateTime z) {
        int yday = z.getDayOfYear() - 1;
        int wday = z.getDayOfWeek().getValue() % 7;
        return (yday + 7 - wday) / 7;
    }

    private static void part(Map<String, OperatorParser> ops, String name, ToIntFunction<ZonedDateTime> fn) {
        ops.put(name, (n, a) -> {
            Expression[] dateAndZone = parseDateArg(n, a);
            Expression date = dateAndZone[0];
            Expression zone = dateAndZone[1];
            return (root, vars) -> {
                BsonValue d = date.evaluate(root, vars);
                if (Values.isNullish(d)) {
                    return BsonNull.VALUE;
                }
                ZoneId z = ZoneOffset.UTC;
                if (zone != null) {
                    z = TimeZones.of(zone.evaluate(root, vars));
                    if (z == null) {
                        return BsonNull.VALUE;
                    }
                }
                return new BsonInt32(fn.applyAsInt(zoned(millis(d), z)));
            };
        });
    }

    /** [date, timezone-or-null] from {@code <date>}, {@code [<date>]} or {@code {date, timezone}}. */
    static Expression[] parseDateArg(String op, BsonValue a) {
        if (a.isDocument() && !(a.asDocument().size() > 0 && a.asDocument().getFirstKey().startsWith("$"))) {
            Expression date = null;
            Expression zone = null;
            for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
                if (e.getKey().equals("date")) {
                    date = ExpressionCompiler.compile(e.getValue());
                } else if (e.getKey().equals("timezone")) {
                    zone = ExpressionCompiler.compile(e.getValue());
                } else {
                    throw AggErrors.fail(40535, "unrecognized option to " + op + ": \"" + e.getKey() + "\"");
                }
            }
            if (date == null) {
                throw AggErrors.fail(40539, "missing 'date' argument to " + op + ", provided: "
                        + new BsonDocument(op, a).toJson());
            }
            return new Expression[] {date, zone};
        }
        if (a.isArray()) {
            if (a.asArray().size() != 1) {
                throw AggErrors.fail(40536, op + " accepts exactly one argument if given an array, but was given "
                        + a.asArray().size());
            }
            return new Expression[] {ExpressionCompiler.compile(a.asArray().get(0)), null};
        }
        return new Expression[] {ExpressionCompiler.compile(a), null};
    }

    /**
     * Milliseconds since the epoch of a date, timestamp or ObjectId.
     *
     * @throws io.jmongos.common.CommandFailedException 16006 for other types
     */
    static long millis(BsonValue d) {
        switch (d.getBsonType()) {
            case DATE_TIME: return d.asDateTime().getValue();
            case TIMESTAMP: return d.asTimestamp().getTime() * 1000L;
            case OBJECT_ID: return d.asObjectId().getValue().getTimestamp() * 1000L;
            default:
                throw AggErrors.fail(16006, "can't convert from BSON type " + Values.typeName(d) + " to Date");
        }
    }

    static ZonedDateTime zoned(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone);
    }

    static BsonValue longValue(long v) {
        return new BsonInt64(v);
    }
}
