package io.jmongos.router.command;

import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A command as it may appear in a log line: redacted for commands marked {@code redactInLogs}
 * (every argument replaced by {@code "###"}, as MongoDB redacts), and cut down so that a 15 MiB insert
 * does not become a 15 MiB log line (MongoDB truncates logged BSON at 10 KB: kDefaultMaxLogSizeKB).
 */
public final class CommandLogFormat {
    /** What replaces a redacted value (MongoDB's redaction marker). */
    public static final String REDACTED = "###";
    /** Longest string value kept whole. */
    static final int MAX_STRING_CHARS = 256;
    /** Most array elements kept. */
    static final int MAX_ARRAY_ELEMENTS = 10;
    /** Most fields of one document kept. */
    static final int MAX_DOCUMENT_FIELDS = 32;
    /** Deepest nesting kept. */
    static final int MAX_DEPTH = 6;

    private CommandLogFormat() {
    }

    /** The loggable form of {@code command}. */
    public static BsonDocument forLog(BsonDocument command, boolean redact) {
        if (redact) {
            BsonDocument d = new BsonDocument();
            for (String key : command.keySet()) {
                d.put(key, new BsonString(REDACTED));
            }
            return d;
        }
        return shrink(command, 0);
    }

    private static BsonDocument shrink(BsonDocument doc, int depth) {
        BsonDocument out = new BsonDocument();
        int n = 0;
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (n++ == MAX_DOCUMENT_FIELDS) {
                out.put("$truncatedFields", new BsonInt32(doc.size() - MAX_DOCUMENT_FIELDS));
                break;
            }
            out.put(e.getKey(), shrinkValue(e.getValue(), depth + 1));
        }
        return out;
    }

    private static BsonValue shrinkValue(BsonValue v, int depth) {
        if (depth > MAX_DEPTH && (v.isDocument() || v.isArray())) {
            return new BsonString("<nested " + v.getBsonType().name().toLowerCase() + ">");
        }
        if (v.isDocument()) {
            return shrink(v.asDocument(), depth);
        }
        if (v.isArray()) {
            BsonArray a = v.asArray();
            BsonArray out = new BsonArray();
            for (int i = 0; i < Math.min(a.size(), MAX_ARRAY_ELEMENTS); i++) {
                out.add(shrinkValue(a.get(i), depth + 1));
            }
            if (a.size() > MAX_ARRAY_ELEMENTS) {
                out.add(new BsonString("<" + (a.size() - MAX_ARRAY_ELEMENTS) + " more>"));
            }
            return out;
        }
        if (v.isString() && v.asString().getValue().length() > MAX_STRING_CHARS) {
            String s = v.asString().getValue();
            return new BsonString(s.substring(0, MAX_STRING_CHARS) + "...<" + s.length() + " chars>");
        }
        if (v.isBinary()) {
            return new BsonString("<binary " + v.asBinary().getData().length + " bytes>");
        }
        return v;
    }
}
