package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Reading spec files and printing values briefly in failure messages. */
final class SpecJson {
    private static final int BRIEF_MAX = 400;
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private SpecJson() {
    }

    static BsonDocument read(Path file) {
        try {
            return BsonDocument.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Relaxed extended JSON of a value, cut to a readable length. */
    static String brief(BsonValue v) {
        if (v == null) {
            return "(absent)";
        }
        String s;
        if (v.isDocument()) {
            s = v.asDocument().toJson(RELAXED);
        } else {
            s = new BsonDocument("v", v).toJson(RELAXED);
            s = s.substring("{\"v\": ".length(), s.length() - 1);
        }
        return s.length() > BRIEF_MAX ? s.substring(0, BRIEF_MAX) + "..." : s;
    }

    static BsonArray array(BsonDocument doc, String key) {
        return doc.containsKey(key) ? doc.getArray(key) : new BsonArray();
    }

    static String string(BsonDocument doc, String key, String dflt) {
        return doc.containsKey(key) ? doc.getString(key).getValue() : dflt;
    }

    static boolean bool(BsonDocument doc, String key, boolean dflt) {
        return doc.containsKey(key) ? doc.getBoolean(key).getValue() : dflt;
    }
}
