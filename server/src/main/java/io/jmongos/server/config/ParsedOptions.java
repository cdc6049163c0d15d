package io.jmongos.server.config;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/** Builds getCmdLineOpts' {@code parsed} document from dotted option names (mongod.conf nesting). */
final class ParsedOptions {
    private final BsonDocument root = new BsonDocument();

    void put(String dotted, Object value) {
        BsonValue v;
        if (value instanceof BsonValue b) {
            v = b;
        } else if (value instanceof Integer i) {
            v = new BsonInt32(i);
        } else if (value instanceof Boolean b) {
            v = BsonBoolean.valueOf(b);
        } else {
            v = new BsonString(String.valueOf(value));
        }
        String[] parts = dotted.split("\\.", -1);
        BsonDocument d = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!d.isDocument(parts[i])) {
                d.put(parts[i], new BsonDocument());
            }
            d = d.getDocument(parts[i]);
        }
        d.put(parts[parts.length - 1], v);
    }

    BsonDocument document() {
        return root;
    }
}
