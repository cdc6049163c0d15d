package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The document an upsert starts from: the filter's equality conditions ({@code a: v}, {@code a: {$eq: v}},
 * {@code a: {$in: [v]}}, also inside {@code $and} and inside an {@code $or} of one clause, which MongoDB's
 * optimizer replaces by that clause), dotted paths becoming nested documents, as MongoDB's
 * extractFullEqualityMatches does. Two conditions on the same or overlapping paths fail with 54.
 */
final class UpsertSeed {
    private UpsertSeed() {
    }

    static BsonDocument of(BsonDocument filter) {
        BsonDocument seed = new BsonDocument();
        List<String> seeded = new ArrayList<>();
        if (filter != null) {
            collect(filter, seed, seeded);
        }
        return seed;
    }

    private static void collect(BsonDocument filter, BsonDocument seed, List<String> seeded) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String k = e.getKey();
            if (e.getValue().isArray() && (k.equals("$and") || isSingleClauseOr(k, e.getValue()))) {
                for (BsonValue c : e.getValue().asArray()) {
                    if (c.isDocument()) {
                        collect(c.asDocument(), seed, seeded);
                    }
                }
                continue;
            }
            if (k.startsWith("$")) {
                continue;
            }
            BsonValue v = equalityValue(e.getValue());
            if (v != null) {
                put(seed, seeded, k, v);
            }
        }
    }

    private static boolean isSingleClauseOr(String key, BsonValue clauses) {
        return key.equals("$or") && clauses.asArray().size() == 1;
    }

    private static BsonValue equalityValue(BsonValue v) {
        if (v.isRegularExpression()) {
            return null;
        }
        if (!v.isDocument() || v.asDocument().isEmpty() || !v.asDocument().getFirstKey().startsWith("$")) {
            return v;
        }
        BsonDocument ops = v.asDocument();
        if (ops.containsKey("$ref") && ops.containsKey("$id")) {
            return v;
        }
        if (ops.containsKey("$eq")) {
            return ops.get("$eq");
        }
        BsonValue in = ops.get("$in");
        if (in != null && in.isArray() && in.asArray().size() == 1 && ops.size() == 1
                && !in.asArray().get(0).isRegularExpression()) {
            return in.asArray().get(0);
        }
        return null;
    }

    private static void put(BsonDocument seed, List<String> seeded, String path, BsonValue v) {
        for (String other : seeded) {
            if (other.equals(path)) {
                throw new CommandFailedException(ErrorCode.NOT_SINGLE_VALUE_FIELD,
                        "cannot infer query fields to set, path '" + path + "' is matched twice");
            }
            if (other.startsWith(path + ".") || path.startsWith(other + ".")) {
                throw new CommandFailedException(ErrorCode.NOT_SINGLE_VALUE_FIELD,
                        "cannot infer query fields to set, both paths '" + path + "' and '" + other
                                + "' are matched");
            }
        }
        seeded.add(path);
        String[] parts = path.split("\\.", -1);
        BsonDocument cur = seed;
        for (int i = 0; i < parts.length - 1; i++) {
            BsonValue next = cur.get(parts[i]);
            if (next == null || !next.isDocument()) {
                next = new BsonDocument();
                cur.put(parts[i], next);
            }
            cur = next.asDocument();
        }
        cur.put(parts[parts.length - 1], FieldModifiers.copy(v));
    }
}
