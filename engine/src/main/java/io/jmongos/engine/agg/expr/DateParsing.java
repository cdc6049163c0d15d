package io.jmongos.engine.agg.expr;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jmongos.common.ErrorCode;

/**
 * Date strings for {@code $dateFromString} and {@code $toDate}: ISO-8601 forms ("2017-02-08", "2017-02" which
 * MongoDB's parser (timelib, its "gnudateshorter" form) reads as the first of the month,
 * "2017-02-08T12:10:40.787Z", "2017-02-08 12:10:40+02:00") or an explicit format with
 * %Y %m %d %H %M %S %L %z %Z %j? ... (the specifiers of {@link DateFormatting} that carry numbers).
 */
final class DateParsing {
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})(?:-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?| ?(?:UTC|GMT)|\\s+[A-Za-z_]+/[A-Za-z_/]+)?");

    private DateParsing() {
    }

    /**
     * @param format null for the ISO forms
     * @param zone   the timezone argument (null: UTC); refused together with a zone in the string
     * @return milliseconds since the epoch
     * @throws io.jmongos.common.CommandFailedException 241 ConversionFailure when the string does not parse
     */
    static long parse(String s, String format, ZoneId zone) {
        return format == null ? parseIso(s, zone) : parseFormat(s, format, zone);
    }

    private static RuntimeException error(String s, String why) {
        return AggErrors.fail(ErrorCode.CONVERSION_FAILURE, "Error parsing date string '" + s + "'; " + why);
    }

    private static long parseIso(String s, ZoneId zone) {
        Matcher m = ISO.matcher(s.trim());
        if (!m.matches()) {
            throw error(s, "0: passing a time zone identifier as part of the string is not allowed or the "
                    + "string is not a valid date");
        }
        int[] f = new int[7];
        for (int i = 0; i < 6; i++) {
            f[i] = m.group(i + 1) == null ? (i < 3 ? 1 : 0) : Integer.parseInt(m.group(i + 1));
        }
        String frac = m.group(7);
        f[6] = frac == null ? 0 : Integer.parseInt((frac + "00").substring(0, 3));
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        if (m.group(8) != null) {
            if (zone != null) {
                throw AggErrors.fail(40554, "you cannot pass in a date/time string with time zone information ('"
                        + m.group(8).trim() + "') together with a timezone argument");
            }
            z = TimeZones.parse(m.group(8).trim());
        }
        return build(s, f, z);
    }

    private static long build(String s, int[] f, ZoneId z) {
        try {
            LocalDateTime t = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 1_000_000);
            return t.atZone(z).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw error(s, "The parsed date was invalid");
        }
    }

    private static long parseFormat(String s, String format, ZoneId zone) {
        int[] f = {1970, 1, 1, 0, 0, 0, 0};
        ZoneId z = null;
        int pos = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                if (pos >= s.length() || s.charAt(pos) != c) {
                    throw error(s, "Format literal not found");
                }
                pos++;
                continue;
            }
            if (i + 1 >= format.length()) {
                throw AggErrors.fail(18535, "Unmatched '%' at end of format string");
            }
            char spec = format.charAt(++i);
            int slot;
            int width;
            switch (spec) {
                case 'Y': slot = 0; width = 4; break;
                case 'm': slot = 1; width = 2; break;
                case 'd': slot = 2; width = 2; break;
                case 'H': slot = 3; width = 2; break;
                case 'M': slot = 4; width = 2; break;
                case 'S': slot = 5; width = 2; break;
                case 'L': slot = 6; width = 3; break;
                case '%':
                    if (pos >= s.length() || s.charAt(pos) != '%') {
                        throw error(s, "Format literal not found");
                    }
                    pos++;
                    continue;
                case 'z':
                case 'Z': {
                    int end = pos;
                    while (end < s.length() && "+-:0123456789".indexOf(s.charAt(end)) >= 0) {
                        end++;
                    }
                    String off = s.substring(pos, end);
                    if (spec == 'Z') {
                        int mins = Integer.parseInt(off);
                        z = ZoneOffset.ofTotalSeconds(mins * 60);
                    } else {
                        z = TimeZones.parse(off);
                    }
                    pos = end;
                    continue;
                }
                default:
                    throw AggErrors.fail(18536, "Invalid format character '%" + spec + "' in format string");
            }
            int end = pos;
            while (end < s.length() && end - pos < width && Character.isDigit(s.charAt(end))) {
                end++;
            }
            if (end == pos) {
                throw error(s, "Unexpected data found");
            }
            f[slot] = Integer.parseInt(s.substring(pos, end));
            if (slot == 6) {
                f[slot] = Integer.parseInt((s.substring(pos, end) + "00").substring(0, 3));
            }
            pos = end;
        }
        if (pos != s.length()) {
            throw error(s, "Trailing data");
        }
        if (z != null && zone != null) {
            throw AggErrors.fail(40554, "you cannot pass in a date/time string with time zone information together "
                    + "with a timezone argument");
        }
        return build(s, f, z != null ? z : zone != null ? zone : ZoneOffset.UTC);
    }
}
