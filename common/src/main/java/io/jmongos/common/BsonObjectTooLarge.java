package io.jmongos.common;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The error MongoDB raises when it builds a BSON object past BSONObjMaxInternalSize (16 MiB + 16 KiB): code 10334
 * BSONObjectTooLarge, message "BSONObj size: N (0xN) is invalid. Size must be between 0 and 16793600(16MB) First
 * element: name: value" (BSONObj::_assertInvalid). A result document or a reply over the limit fails its command
 * with it; the connection stays open.
 */
public final class BsonObjectTooLarge {
    /** The first element's value is shown up to this many characters, then "..." (keeps the message short). */
    static final int MAX_SHOWN_VALUE_CHARS = 150;
    private static final String WRAPPER_FIELD = "v";
    /** How {@code {v: value}} starts in JSON; the value follows it. */
    private static final String WRAPPER_PREFIX = "{\"v\": ";
    /** JSON of the wrapped value is cut here: a longer value is shown truncated. */
    private static final int JSON_MAX_LENGTH = WRAPPER_PREFIX.length() + MAX_SHOWN_VALUE_CHARS + 2;
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .maxLength(JSON_MAX_LENGTH).build();

    private BsonObjectTooLarge() {
    }

    /** Whether a BSON object of {@code size} bytes passes the limit. */
    public static boolean exceeds(long size) {
        return size > Limits.MAX_BSON_INTERNAL_SIZE;
    }

    /** The error for {@code document}, whose encoded size is {@code size} bytes. */
    public static CommandFailedException exception(long size, BsonDocument document) {
        return new CommandFailedException(ErrorCode.LOCATION_10334_BSON_OBJECT_TOO_LARGE, String.format(
                "BSONObj size: %d (0x%X) is invalid. Size must be between 0 and %d(16MB) First element: %s",
                size, size, Limits.MAX_BSON_INTERNAL_SIZE, firstElement(document)));
    }

    private static String firstElement(BsonDocument document) {
        if (document.isEmpty()) {
            return "EOO";
        }
        Map.Entry<String, BsonValue> first = document.entrySet().iterator().next();
        String json = new BsonDocument(WRAPPER_FIELD, first.getValue()).toJson(JSON);
        int from = WRAPPER_PREFIX.length();
        String value = json.length() >= JSON_MAX_LENGTH ? json.substring(from, from + MAX_SHOWN_VALUE_CHARS) + "..."
                : json.substring(from, json.length() - 1);
        return first.getKey() + ": " + value;
    }
}
