package io.jmongos.engine.agg.expr;

import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code $mergeObjects $objectToArray $arrayToObject}; field access and $zip in {@link FieldOperators}. */
final class ObjectOperators {
    private ObjectOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.variadic(ops, "$mergeObjects", ObjectOperators::mergeObjects);
        Operators.fixed(ops, "$objectToArray", 1, a -> {
            if (Values.isNullish(a[0])) {
                return BsonNull.VALUE;
            }
            if (!a[0].isDocument()) {
                throw AggErrors.fail(40390, "$objectToArray requires a document input, found: "
                        + Values.typeName(a[0]));
            }
            BsonArray out = new BsonArray();
            for (Map.Entry<String, BsonValue> e : a[0].asDocument().entrySet()) {
                out.add(new BsonDocument("k", new BsonString(e.getKey())).append("v", e.getValue()));
            }
            return out;
        });
        Operators.fixed(ops, "$arrayToObject", 1, a -> arrayToObject(a[0]));
        FieldOperators.register(ops);
    }

    static BsonValue mergeObjects(BsonValue[] args) {
        BsonDocument out = new BsonDocument();
        for (BsonValue v : args) {
            if (Values.isNullish(v)) {
                continue;
            }
            if (!v.isDocument()) {
                throw AggErrors.fail(40400, "$mergeObjects requires object inputs, but input " + v.toString()
                        + " is of type " + Values.typeName(v));
            }
            out.putAll(v.asDocument());
        }
        return out;
    }

    private static BsonValue arrayToObject(BsonValue v) {
        if (Values.isNullish(v)) {
            return BsonNull.VALUE;
        }
        if (!v.isArray()) {
            throw AggErrors.fail(40386, "$arrayToObject requires an array input, found: " + Values.typeName(v));
        }
        BsonDocument out = new BsonDocument();
        BsonArray array = v.asArray();
        if (array.isEmpty()) {
            return out;
        }
        boolean pairs = array.get(0).isArray();
        if (!pairs && !array.get(0).isDocument()) {
            throw AggErrors.fail(40398, "Unrecognised input type format for $arrayToObject: "
                    + Values.typeName(array.get(0)));
        }
        for (BsonValue e : array) {
            BsonValue key;
            BsonValue value;
            if (pairs) {
                if (!e.isArray()) {
                    throw AggErrors.fail(40396, "$arrayToObject requires a consistent input format. Elements must"
                            + "all be arrays or all be objects. Array was detected, now found: " + Values.typeName(e));
                }
                BsonArray kv = e.asArray();
                if (kv.size() != 2) {
                    throw AggErrors.fail(40397, "$arrayToObject requires an array of size 2 arrays,found array of "
                            + "size: " + kv.size());
                }
                key = kv.get(0);
                value = kv.get(1);
                if (!key.isString()) {
                    throw AggErrors.fail(40395, "$arrayToObject requires an array of key-value pairs, where the key "
                            + "must be of type string. Found key type: " + Values.typeName(key));
                }
            } else {
                if (!e.isDocument()) {
                    throw AggErrors.fail(40391, "$arrayToObject requires a consistent input format. Elements must"
                            + "all be arrays or all be objects. Object was detected, now found: "
                            + Values.typeName(e));
                }
                BsonDocument kv = e.asDocument();
                if (kv.size() != 2) {
                    throw AggErrors.fail(40392, "$arrayToObject requires an object keys of 'k' and 'v'. Found "
                            + "incorrect number of keys:" + kv.size());
                }
                if (!kv.containsKey("k") || !kv.containsKey("v")) {
                    throw AggErrors.fail(40393, "$arrayToObject requires an object with keys 'k' and 'v'. Missing "
                            + "either or both keys from: " + kv.toJson());
                }
                key = kv.get("k");
                value = kv.get("v");
                if (!key.isString()) {
                    throw AggErrors.fail(40394, "$arrayToObject requires an object with keys 'k' and 'v', where "
                            + "the value of 'k' must be of type string. Found type: " + Values.typeName(key));
                }
            }
            String k = key.asString().getValue();
            if (k.indexOf('\0') >= 0) {
                throw AggErrors.fail(pairs ? 4940400 : 4940401, "Key field cannot contain an embedded null byte");
            }
            out.put(k, value);
        }
        return out;
    }
}
