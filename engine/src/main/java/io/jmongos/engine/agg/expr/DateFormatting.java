package io.jmongos.engine.agg.expr;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** {@code $dateToString} format strings: %d %G %H %j %L %m %M %S %w %u %U %V %Y %z %Z %b %B %%. */
final class DateFormatting {
    /** The format used when none is given (ISO-8601 with milliseconds, UTC "Z" suffix). */
    static final String DEFAULT_FORMAT = "%Y-%m-%dT%H:%M:%S.%LZ";

    private DateFormatting() {
    }

    /** Checks a format once at parse time: 18535 for a trailing '%', 18536 for an unknown specifier. */
    static void validate(String format) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%') {
                continue;
            }
            if (i + 1 >= format.length()) {
                throw AggErrors.fail(18535, "Unmatched '%' at end of format string");
            }
            char c = format.charAt(++i);
            if ("dGHjLmMSwuUVYzZbB%".indexOf(c) < 0) {
                throw AggErrors.fail(18536, "Invalid format character '%" + c + "' in format string");
            }
        }
    }

    static String format(String format, long millis, ZoneId zone) {
        validate(format);
        ZonedDateTime z = DateOperators.zoned(millis, zone);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            switch (spec) {
                case 'd': pad(sb, z.getDayOfMonth(), 2); break;
                case 'G': pad(sb, z.get(IsoFields.WEEK_BASED_YEAR), 4); break;
                case 'H': pad(sb, z.getHour(), 2); break;
                case 'j': pad(sb, z.getDayOfYear(), 3); break;
                case 'L': pad(sb, z.get(ChronoField.MILLI_OF_SECOND), 3); break;
                case 'm': pad(sb, z.getMonthValue(), 2); break;
                case 'M': pad(sb, z.getMinute(), 2); break;
                case 'S': pad(sb, z.getSecond(), 2); break;
                case 'w': sb.append(z.getDayOfWeek().getValue() % 7 + 1); break;
                case 'u': sb.append(z.getDayOfWeek().getValue()); break;
                case 'U': pad(sb, DateOperators.sundayWeek(z), 2); break;
                case 'V': pad(sb, z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2); break;
                case 'Y': pad(sb, z.getYear(), 4); break;
                case 'z': {
                    int secs = z.getOffset().getTotalSeconds();
                    sb.append(secs < 0 ? '-' : '+');
                    pad(sb, Math.abs(secs) / 3600, 2);
                    pad(sb, Math.abs(secs) % 3600 / 60, 2);
                    break;
                }
                case 'Z': {
                    int mins = z.getOffset().getTotalSeconds() / 60;
                    sb.append(mins < 0 ? '-' : '+').append(Math.abs(mins));
                    break;
                }
                case 'b': sb.append(z.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); break;
                case 'B': sb.append(z.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
                default: sb.append('%'); break;
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(Math.abs(v));
        if (v < 0) {
            sb.append('-');
        }
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
