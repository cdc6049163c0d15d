package io.jmongos.router.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) as SCRAM-SHA-256 needs it: non-ASCII spaces map to a space, "commonly mapped to nothing"
 * characters are dropped, the result is NFKC-normalized, and prohibited characters (controls, private use,
 * surrogates, non-characters) are refused. ASCII passwords pass unchanged. Bidirectional-text checks are not made.
 */
final class SaslPrep {
    private SaslPrep() {
    }

    static String prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (mappedToNothing(c)) {
                continue;
            }
            mapped.appendCodePoint(Character.isSpaceChar(c) && c != ' ' ? ' ' : c);
        }
        String out = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < out.length(); ) {
            int c = out.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.UNASSIGNED && (c & 0xFFFE) == 0xFFFE) {
                throw new IllegalArgumentException("password contains a character SASLprep prohibits");
            }
        }
        return out;
    }

    /** RFC 3454 table B.1. */
    private static boolean mappedToNothing(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || c >= 0x180B && c <= 0x180D || c == 0x200B
                || c == 0x200C || c == 0x200D || c == 0x2060 || c >= 0xFE00 && c <= 0xFE0F || c == 0xFEFF;
    }
}
