package io.jmongos.engine.agg.expr;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.BsonValue;

/** Time zone arguments: "UTC", "GMT", Olson names ("Europe/Paris") and offsets ("+04:45", "+0445", "-03"). */
final class TimeZones {
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})?");

    private TimeZones() {
    }

    /**
     * @return the zone, or null when the argument is nullish (the operator then returns null)
     * @throws io.jmongos.common.CommandFailedException 40517 for a non-string, 40485 for an unknown zone
     */
    static ZoneId of(BsonValue tz) {
        if (Values.isNullish(tz)) {
            return null;
        }
        if (!tz.isString()) {
            throw AggErrors.fail(40517, "timezone must evaluate to a string, found " + Values.typeName(tz));
        }
        return parse(tz.asString().getValue());
    }

    static ZoneId parse(String s) {
        if (s.equals("UTC") || s.equals("GMT") || s.equals("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = OFFSET.matcher(s);
        if (m.matches()) {
            int h = Integer.parseInt(m.group(2));
            int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int sign = m.group(1).equals("-") ? -1 : 1;
            if (h <= 18 && min < 60) {
                return ZoneOffset.ofTotalSeconds(sign * (h * 3600 + min * 60));
            }
        }
        if (s.indexOf('/') > 0) {
            try {
                return ZoneId.of(s);
            } catch (DateTimeException e) {
                // fall through to the error
            }
        }
        throw AggErrors.fail(40485, "unrecognized time zone identifier: \"" + s + "\"");
    }
}
