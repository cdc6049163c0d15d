package io.jmongos.engine.query;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.jmongos.common.CommandFailedException;

/**
 * Turns a MongoDB (PCRE) regular expression with its options into a {@link Pattern}. Options: i, m, s, x
 * and u (always on). PCRE habits Java lacks are rewritten: POSIX classes in brackets ({@code [[:alpha:]]})
 * and a literal {@code {} that starts no quantifier. Lines end at {@code \n} only, as in PCRE.
 */
public final class RegexTranslator {
    /** MongoDB's error for an invalid regular expression (src/mongo/db/matcher/expression_leaf.cpp). */
    static final int INVALID_REGEX_CODE = 51091;
    /** MongoDB's error for an unknown option letter. */
    static final int INVALID_FLAG_CODE = 51108;

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alpha", "\\p{Alpha}"), Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("upper", "\\p{Upper}"), Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("xdigit", "\\p{XDigit}"), Map.entry("word", "\\w"),
            Map.entry("blank", " \\t"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("ascii", "\\x00-\\x7F"));

    private RegexTranslator() {
    }

    /** Checks the option letters; returns the Java flags. */
    public static int flags(String options) {
        int flags = Pattern.UNIX_LINES;
        for (char c : options.toCharArray()) {
            switch (c) {
                case 'i': flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE; break;
                case 'm': flags |= Pattern.MULTILINE; break;
                case 's': flags |= Pattern.DOTALL; break;
                case 'x': flags |= Pattern.COMMENTS; break;
                case 'u': break;
                default:
                    throw new CommandFailedException(INVALID_FLAG_CODE, "Location" + INVALID_FLAG_CODE,
                            "invalid flag in regex options: " + c);
            }
        }
        return flags;
    }

    /** Compiles; 51091 for a pattern that does not compile, 51108 for a bad option. */
    public static Pattern compile(String source, String options) {
        int flags = flags(options);
        if (source.indexOf('\0') >= 0) {
            throw new CommandFailedException(INVALID_REGEX_CODE, "Location" + INVALID_REGEX_CODE,
                    "Regular expression cannot contain an embedded null byte");
        }
        try {
            return Pattern.compile(translate(source), flags);
        } catch (PatternSyntaxException e) {
            throw new CommandFailedException(INVALID_REGEX_CODE, "Location" + INVALID_REGEX_CODE,
                    "Regular expression is invalid: " + e.getDescription());
        }
    }

    static String translate(String re) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                out.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    String name = end > 0 ? re.substring(i + 2, end) : null;
                    if (name != null && POSIX.containsKey(name)) {
                        out.append(POSIX.get(name));
                        i = end + 2;
                        continue;
                    }
                }
                if (c == '[') {
                    out.append("\\[");
                    i++;
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < re.length() && re.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < re.length() && re.charAt(i) == ']') { // a leading ']' is literal in PCRE
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '{' && !startsQuantifier(re, i)) {
                out.append("\\{");
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean startsQuantifier(String re, int brace) {
        int j = brace + 1;
        int digits = 0;
        while (j < re.length() && Character.isDigit(re.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (j < re.length() && re.charAt(j) == ',') {
            j++;
            while (j < re.length() && Character.isDigit(re.charAt(j))) {
                j++;
            }
        }
        return j < re.length() && re.charAt(j) == '}' && brace > 0;
    }
}
