package io.jmongos.engine.agg.expr;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A dotted path as aggregation resolves it: through embedded documents, and through arrays by
 * collecting the value of the rest of the path from each element that has it (numeric components are
 * field names, never array indexes).
 */
public final class FieldPath {
    private final String[] parts;
    private final String dotted;

    private FieldPath(String dotted, String[] parts) {
        this.dotted = dotted;
        this.parts = parts;
    }

    /**
     * Parses a path without its leading '$'.
     *
     * @throws io.jmongos.common.CommandFailedException 40353 for a trailing '.', 15998 for an empty component,
     *                                                   16410 for a '$' prefix
     */
    public static FieldPath parse(String dotted) {
        if (dotted.isEmpty()) {
            throw AggErrors.fail(40352, "FieldPath cannot be constructed with empty string");
        }
        if (dotted.endsWith(".")) {
            throw AggErrors.fail(40353, "FieldPath must not end with a '.'.");
        }
        String[] parts = dotted.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw AggErrors.fail(15998, "FieldPath field names may not be empty strings.");
            }
            if (p.charAt(0) == '$') {
                throw AggErrors.fail(16410, "FieldPath field names may not start with '$'. "
                        + "Consider using $getField or $setField.");
            }
            if (p.indexOf('\0') >= 0) {
                throw AggErrors.fail(16411, "FieldPath field names may not contain '\\0'.");
            }
        }
        return new FieldPath(dotted, parts);
    }

    public String dotted() {
        return dotted;
    }

    public int length() {
        return parts.length;
    }

    public String part(int i) {
        return parts[i];
    }

    /** The value at this path in {@code base}, or Java null when missing. */
    public BsonValue resolve(BsonValue base) {
        return resolve(base, 0);
    }

    /** The value of the path components from {@code from} on. */
    public BsonValue resolve(BsonValue base, int from) {
        BsonValue cur = base;
        for (int i = from; i < parts.length; i++) {
            if (cur == null) {
                return null;
            }
            if (cur.isDocument()) {
                cur = cur.asDocument().get(parts[i]);
            } else if (cur.isArray()) {
                BsonArray out = new BsonArray();
                for (BsonValue elem : cur.asArray()) {
                    if (elem.isDocument() || elem.isArray()) {
                        BsonValue v = resolve(elem, i);
                        if (v != null) {
                            out.add(v);
                        }
                    }
                }
                return out;
            } else {
                return null;
            }
        }
        return cur;
    }

    /** Shorthand: the value at {@code dotted} in {@code doc}. */
    public static BsonValue get(BsonDocument doc, String dotted) {
        return parse(dotted).resolve(doc);
    }

    @Override
    public String toString() {
        return dotted;
    }
}
