package io.jmongos.engine.update;

import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Deep, mutable copies of BSON containers. Documents read from storage may be immutable
 * ({@link org.bson.RawBsonDocument}, whose clone stays raw), so updates copy into plain BsonDocument/BsonArray.
 */
final class BsonCopies {
    private BsonCopies() {
    }

    static BsonDocument document(BsonDocument d) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    static BsonArray array(BsonArray a) {
        BsonArray out = new BsonArray(new java.util.ArrayList<>(a.size()));
        for (BsonValue v : a) {
            out.add(value(v));
        }
        return out;
    }

    static BsonValue value(BsonValue v) {
        if (v == null) {
            return null;
        }
        if (v.isDocument()) {
            return document(v.asDocument());
        }
        if (v.isArray()) {
            return array(v.asArray());
        }
        return v;
    }
}
