package io.jmongos.engine.update;

import java.util.Iterator;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Binary identity of BSON values (MongoDB's binaryEqualValues): same types, same field order, doubles
 * bit for bit. Decides whether an update changed a document and whether {@code _id} was altered.
 */
final class BsonIdentity {
    private BsonIdentity() {
    }

    static boolean identical(BsonValue a, BsonValue b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getBsonType() != b.getBsonType()) {
            return false;
        }
        switch (a.getBsonType()) {
            case DOCUMENT:
                return identicalDocuments(a.asDocument(), b.asDocument());
            case ARRAY: {
                BsonArray x = a.asArray();
                BsonArray y = b.asArray();
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!identical(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case DOUBLE:
                return Double.doubleToRawLongBits(a.asDouble().getValue())
                        == Double.doubleToRawLongBits(b.asDouble().getValue());
            case JAVASCRIPT_WITH_SCOPE:
                return a.asJavaScriptWithScope().getCode().equals(b.asJavaScriptWithScope().getCode())
                        && identicalDocuments(a.asJavaScriptWithScope().getScope(),
                        b.asJavaScriptWithScope().getScope());
            default:
                return a.equals(b);
        }
    }

    static boolean identicalDocuments(BsonDocument a, BsonDocument b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            Map.Entry<String, BsonValue> ea = ia.next();
            Map.Entry<String, BsonValue> eb = ib.next();
            if (!ea.getKey().equals(eb.getKey()) || !identical(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }
}
