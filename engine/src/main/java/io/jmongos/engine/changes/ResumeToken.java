package io.jmongos.engine.changes;

import java.util.HexFormat;
import java.util.Locale;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A change stream resume token, {@code {_data: "<hex>"}}. Like MongoDB's (a KeyString whose first element is
 * the cluster time) the hex starts with {@code 82} and the 8 bytes of the Timestamp, so tokens sort by time and a
 * token made by MongoDB still gives its time here; jmongos then adds the token type: an event, the high-water
 * mark of a batch with no event, or the invalidate notification after an event.
 *
 * @param time the cluster time of the event, or the time a high-water mark covers
 * @param type what the token marks
 */
public record ResumeToken(long time, Type type) {
    /** The KeyString type byte of a Timestamp: 130. */
    private static final String TIMESTAMP_PREFIX = "82";
    /** Hex digits of the prefix and the 8-byte time. */
    private static final int TIME_HEX_END = 18;
    /** MongoDB: uassert 40647 (missing or non-string _data). */
    static final int BAD_DATA_TYPE = 40647;
    /** MongoDB: uassert 40649 (no cluster time in the token). */
    static final int EMPTY_TOKEN = 40649;

    /** Token types, with the suffix that encodes each. */
    public enum Type {
        EVENT("2B0480"), HIGH_WATER_MARK("2B0400"), INVALIDATE("2B0481");

        private final String suffix;

        Type(String suffix) {
            this.suffix = suffix;
        }
    }

    public static ResumeToken event(long time) {
        return new ResumeToken(time, Type.EVENT);
    }

    public static ResumeToken highWaterMark(long time) {
        return new ResumeToken(time, Type.HIGH_WATER_MARK);
    }

    public static ResumeToken invalidate(long time) {
        return new ResumeToken(time, Type.INVALIDATE);
    }

    public BsonDocument toBson() {
        return new BsonDocument("_data", new BsonString(TIMESTAMP_PREFIX
                + HexFormat.of().withUpperCase().toHexDigits(time) + type.suffix));
    }

    /**
     * Parses a token given as {@code resumeAfter} or {@code startAfter}; a well-formed token from elsewhere
     * (another server's) is taken as a position at its time: the stream goes on with the changes after it.
     */
    public static ResumeToken parse(BsonValue value) {
        BsonValue data = value.isDocument() ? value.asDocument().get("_data") : null;
        if (data == null || !data.isString()) {
            throw new CommandFailedException(BAD_DATA_TYPE, "Location" + BAD_DATA_TYPE, "Bad resume token: _data of "
                    + "missing or of wrong type. Expected string, got " + (value.isDocument()
                    ? value.asDocument().toJson() : String.valueOf(value)));
        }
        String hex = data.asString().getValue().toUpperCase(Locale.ROOT);
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "resume token string was not a valid hex string");
        }
        if (hex.length() < TIME_HEX_END || !hex.startsWith(TIMESTAMP_PREFIX)) {
            throw new CommandFailedException(EMPTY_TOKEN, "Location" + EMPTY_TOKEN, "invalid empty resume token");
        }
        long time = HexFormat.fromHexDigitsToLong(hex.substring(TIMESTAMP_PREFIX.length(), TIME_HEX_END));
        String rest = hex.substring(TIME_HEX_END);
        for (Type t : Type.values()) {
            if (t.suffix.equals(rest)) {
                return new ResumeToken(time, t);
            }
        }
        return new ResumeToken(time, Type.HIGH_WATER_MARK);
    }
}
