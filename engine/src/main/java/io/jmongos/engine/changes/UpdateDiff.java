package io.jmongos.engine.changes;

import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * An update's {@code updateDescription}, computed by comparing the document before and after: fields that
 * changed inside embedded documents and array elements are reported by dotted path ({@code a.b}, {@code arr.3}),
 * removed fields in {@code removedFields}, arrays that shrank in {@code truncatedArrays}. MongoDB derives the
 * description from the update itself, so a {@code $set} of a whole embedded document is reported there as the
 * document and here as the paths inside it that changed; the values seen after the update are the same.
 */
public final class UpdateDiff {
    private UpdateDiff() {
    }

    /** {@code {updatedFields, removedFields, truncatedArrays}} for the change from {@code before} to {@code after}. */
    public static BsonDocument describe(BsonDocument before, BsonDocument after) {
        BsonDocument updated = new BsonDocument();
        BsonArray removed = new BsonArray();
        BsonArray truncated = new BsonArray();
        document("", before, after, updated, removed, truncated);
        return new BsonDocument("updatedFields", updated).append("removedFields", removed)
                .append("truncatedArrays", truncated);
    }

    private static void document(String prefix, BsonDocument before, BsonDocument after, BsonDocument updated,
                                 BsonArray removed, BsonArray truncated) {
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removed.add(new BsonString(prefix + key));
            }
        }
        for (Map.Entry<String, BsonValue> e : after.entrySet()) {
            value(prefix + e.getKey(), before.get(e.getKey()), e.getValue(), updated, removed, truncated);
        }
    }

    private static void value(String path, BsonValue old, BsonValue now, BsonDocument updated, BsonArray removed,
                              BsonArray truncated) {
        if (old != null && old.getBsonType() == now.getBsonType() && old.equals(now)) {
            return;
        }
        if (old != null && old.isDocument() && now.isDocument()) {
            document(path + ".", old.asDocument(), now.asDocument(), updated, removed, truncated);
        } else if (old != null && old.isArray() && now.isArray()) {
            array(path, old.asArray(), now.asArray(), updated, removed, truncated);
        } else {
            updated.put(path, now);
        }
    }

    private static void array(String path, BsonArray old, BsonArray now, BsonDocument updated, BsonArray removed,
                              BsonArray truncated) {
        if (now.size() < old.size()) {
            truncated.add(new BsonDocument("field", new BsonString(path)).append("newSize", new BsonInt32(now.size())));
        }
        for (int i = 0; i < now.size(); i++) {
            value(path + "." + i, i < old.size() ? old.get(i) : null, now.get(i), updated, removed, truncated);
        }
    }
}
