package io.jmongos.engine.index;

import java.util.List;

import io.jmongos.engine.catalog.IndexMeta;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One key a document contributes to an index: the encoded compound key (without the index prefix) and
 * the values it was made from (for DuplicateKey's keyValue).
 */
public record IndexKey(byte[] encoded, List<BsonValue> values) {
    /** The key as MongoDB reports it: {field: value, ...} in key pattern order. */
    public BsonDocument keyValue(IndexMeta index) {
        BsonDocument d = new BsonDocument();
        for (int i = 0; i < values.size(); i++) {
            d.append(index.paths().get(i).dotted(), values.get(i));
        }
        return d;
    }
}
