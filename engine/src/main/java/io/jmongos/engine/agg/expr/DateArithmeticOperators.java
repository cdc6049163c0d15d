package io.jmongos.engine.agg.expr;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDateTime;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $dateAdd $dateSubtract $dateDiff} with units year..millisecond and an optional timezone. */
final class DateArithmeticOperators {
    private DateArithmeticOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$dateAdd", (n, a) -> add(n, a, 1));
        ops.put("$dateSubtract", (n, a) -> add(n, a, -1));
        ops.put("$dateDiff", (n, a) -> diff(a));
        ops.put("$dateTrunc", (n, a) -> trunc(a));
    }

    /** MongoDB's reference instant for $dateTrunc bins: 2000-01-01T00:00:00 in the timezone. */
    private static final LocalDateTime TRUNC_REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static Expression trunc(BsonValue a) {
        Map<String, Expression> args = DateFormatOperators.named("$dateTrunc", a,
                Set.of("date", "unit", "binSize", "timezone", "startOfWeek"), 5439007, 5439008);
        for (String required : new String[] {"date", "unit"}) {
            if (!args.containsKey(required)) {
                throw AggErrors.fail(5439009, "$dateTrunc requires '" + required + "' to be present");
            }
        }
        return (root, vars) -> {
            BsonValue d = args.get("date").evaluate(root, vars);
            BsonValue u = args.get("unit").evaluate(root, vars);
            long bin = 1;
            if (args.containsKey("binSize")) {
                BsonValue b = args.get("binSize").evaluate(root, vars);
                if (Values.isNullish(b)) {
                    return BsonNull.VALUE;
                }
                if (!Values.isNumber(b) || Numbers.toDouble(b) != Math.rint(Numbers.toDouble(b))
                        || Numbers.toLong(b) <= 0) {
                    throw AggErrors.fail(5439017, "$dateTrunc requires 'binSize' to be a positive 64-bit integer, "
                            + "but got value '" + b + "' of type " + Values.typeName(b));
                }
                bin = Numbers.toLong(b);
            }
            ZoneId z = ZoneOffset.UTC;
            if (args.containsKey("timezone")) {
                z = TimeZones.of(args.get("timezone").evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            if (Values.isNullish(d) || Values.isNullish(u)) {
                return BsonNull.VALUE;
            }
            DayOfWeek weekStart = DayOfWeek.SUNDAY;
            if (args.containsKey("startOfWeek")) {
                BsonValue w = args.get("startOfWeek").evaluate(root, vars);
                if (w != null && w.isString()) {
                    weekStart = weekDay(w.asString().getValue());
                }
            }
            ZonedDateTime t = DateOperators.zoned(DateOperators.millis(d), z);
            return new BsonDateTime(truncate(t, unit(u), bin, weekStart).toInstant().toEpochMilli());
        };
    }

    private static ZonedDateTime truncate(ZonedDateTime t, ChronoUnit unit, long bin, DayOfWeek weekStart) {
        ZoneId z = t.getZone();
        ZonedDateTime ref = TRUNC_REFERENCE.atZone(z);
        if (unit == null || unit == ChronoUnit.MONTHS || unit == ChronoUnit.YEARS) {
            long months = unit == null ? 3 * bin : unit == ChronoUnit.YEARS ? 12 * bin : bin;
            long elapsed = (t.getYear() - 2000L) * 12 + t.getMonthValue() - 1;
            return ref.plusMonths(Math.floorDiv(elapsed, months) * months);
        }
        if (unit == ChronoUnit.WEEKS) {
            ZonedDateTime weekRef = ref.with(TemporalAdjusters.nextOrSame(weekStart));
            long days = ChronoUnit.DAYS.between(weekRef.toLocalDate(), t.toLocalDate());
            return weekRef.plusDays(Math.floorDiv(days, 7 * bin) * 7 * bin);
        }
        if (unit == ChronoUnit.DAYS) {
            long days = ChronoUnit.DAYS.between(ref.toLocalDate(), t.toLocalDate());
            return ref.plusDays(Math.floorDiv(days, bin) * bin);
        }
        long size = unit.getDuration().toMillis() * bin;
        long from = ref.toInstant().toEpochMilli();
        long delta = t.toInstant().toEpochMilli() - from;
        return DateOperators.zoned(from + Math.floorDiv(delta, size) * size, z);
    }

    private static ChronoUnit unit(BsonValue u) {
        if (u == null || !u.isString()) {
            throw AggErrors.fail(5439013, "unit is expected to be a string, found " + Values.typeName(u));
        }
        switch (u.asString().getValue()) {
            case "year": return ChronoUnit.YEARS;
            case "quarter": return null;
            case "month": return ChronoUnit.MONTHS;
            case "week": return ChronoUnit.WEEKS;
            case "day": return ChronoUnit.DAYS;
            case "hour": return ChronoUnit.HOURS;
            case "minute": return ChronoUnit.MINUTES;
            case "second": return ChronoUnit.SECONDS;
            case "millisecond": return ChronoUnit.MILLIS;
            default: throw AggErrors.fail(5439014, "unknown time unit value: " + u.asString().getValue());
        }
    }

    private static Expression add(String op, BsonValue a, int sign) {
        Map<String, Expression> args = DateFormatOperators.named(op, a,
                Set.of("startDate", "unit", "amount", "timezone"), 5166400, 5166401);
        for (String required : new String[] {"startDate", "unit", "amount"}) {
            if (!args.containsKey(required)) {
                throw AggErrors.fail(5166402, op + " requires '" + required + "' to be present");
            }
        }
        return (root, vars) -> {
            BsonValue start = args.get("startDate").evaluate(root, vars);
            BsonValue u = args.get("unit").evaluate(root, vars);
            BsonValue amount = args.get("amount").evaluate(root, vars);
            ZoneId z = ZoneOffset.UTC;
            if (args.containsKey("timezone")) {
                z = TimeZones.of(args.get("timezone").evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            if (Values.isNullish(start) || Values.isNullish(u) || Values.isNullish(amount)) {
                return BsonNull.VALUE;
            }
            if (!Values.isNumber(amount) || Numbers.toDouble(amount) != Math.rint(Numbers.toDouble(amount))) {
                throw AggErrors.fail(5166405, op + " expects integer amount of time units");
            }
            long n = Numbers.toLong(amount) * sign;
            ChronoUnit unit = unit(u);
            ZonedDateTime t = DateOperators.zoned(DateOperators.millis(start), z);
            ZonedDateTime r = unit == null ? t.plusMonths(3 * n) : t.plus(n, unit);
            return new BsonDateTime(r.toInstant().toEpochMilli());
        };
    }

    private static Expression diff(BsonValue a) {
        Map<String, Expression> args = DateFormatOperators.named("$dateDiff", a,
                Set.of("startDate", "endDate", "unit", "timezone", "startOfWeek"), 5166301, 5166302);
        for (String required : new String[] {"startDate", "endDate", "unit"}) {
            if (!args.containsKey(required)) {
                throw AggErrors.fail(5166303, "$dateDiff requires '" + required + "' to be specified");
            }
        }
        return (root, vars) -> {
            BsonValue s = args.get("startDate").evaluate(root, vars);
            BsonValue e = args.get("endDate").evaluate(root, vars);
            BsonValue u = args.get("unit").evaluate(root, vars);
            ZoneId z = ZoneOffset.UTC;
            if (args.containsKey("timezone")) {
                z = TimeZones.of(args.get("timezone").evaluate(root, vars));
                if (z == null) {
                    return BsonNull.VALUE;
                }
            }
            if (Values.isNullish(s) || Values.isNullish(e) || Values.isNullish(u)) {
                return BsonNull.VALUE;
            }
            ChronoUnit unit = unit(u);
            ZonedDateTime from = DateOperators.zoned(DateOperators.millis(s), z);
            ZonedDateTime to = DateOperators.zoned(DateOperators.millis(e), z);
            DayOfWeek weekStart = DayOfWeek.SUNDAY;
            if (args.containsKey("startOfWeek")) {
                BsonValue w = args.get("startOfWeek").evaluate(root, vars);
                if (w != null && w.isString()) {
                    weekStart = weekDay(w.asString().getValue());
                }
            }
            return new BsonInt64(boundaries(from, to, unit, weekStart));
        };
    }

    private static DayOfWeek weekDay(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.equals(s.toLowerCase(Locale.ROOT)) || name.substring(0, 3).equals(s.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw AggErrors.fail(5439015, "unknown startOfWeek value: " + s);
    }

    /** $dateDiff counts unit boundaries crossed, not whole elapsed units. */
    private static long boundaries(ZonedDateTime from, ZonedDateTime to, ChronoUnit unit, DayOfWeek weekStart) {
        if (unit == null) {
            long q1 = from.getYear() * 4L + (from.getMonthValue() - 1) / 3;
            long q2 = to.getYear() * 4L + (to.getMonthValue() - 1) / 3;
            return q2 - q1;
        }
        switch (unit) {
            case YEARS: return to.getYear() - from.getYear();
            case MONTHS: return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
            case WEEKS: {
                ZonedDateTime a = from.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(weekStart));
                ZonedDateTime b = to.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(weekStart));
                return ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate()) / 7;
            }
            case DAYS: return ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
            default: return Math.floorDiv(to.toInstant().toEpochMilli(), unit.getDuration().toMillis())
                    - Math.floorDiv(from.toInstant().toEpochMilli(), unit.getDuration().toMillis());
        }
    }
}
