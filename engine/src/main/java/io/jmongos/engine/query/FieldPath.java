package io.jmongos.engine.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * A dotted field path ({@code a.b.0.c}) split into its components, with helpers to read values along it the
 * way MongoDB does: documents are entered by field name, arrays by numeric index or by implicitly visiting
 * each element.
 */
public final class FieldPath {
    private final String dotted;
    private final String[] parts;

    private FieldPath(String dotted, String[] parts) {
        this.dotted = dotted;
        this.parts = parts;
    }

    /** Splits without validation (query filters accept any field name, even empty components). */
    public static FieldPath of(String dotted) {
        return new FieldPath(dotted, dotted.split("\\.", -1));
    }

    /** Builds a path from already split components. */
    public static FieldPath of(List<String> parts) {
        return new FieldPath(String.join(".", parts), parts.toArray(new String[0]));
    }

    /** The path as written, with dots. */
    public String dotted() {
        return dotted;
    }

    /** Number of components. */
    public int length() {
        return parts.length;
    }

    /** Component {@code i}, 0-based. */
    public String part(int i) {
        return parts[i];
    }

    /** Components, as a copy. */
    public List<String> parts() {
        return Arrays.asList(parts.clone());
    }

    /** The first {@code n} components as a path. */
    public FieldPath prefix(int n) {
        return of(Arrays.asList(Arrays.copyOf(parts, n)));
    }

    /** True if this path equals {@code other} or is a proper prefix of it (component-wise). */
    public boolean isPrefixOf(FieldPath other) {
        if (other.parts.length < parts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equals(other.parts[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a component that can address an array element: decimal digits without a leading zero
     * (MongoDB addresses elements by their field names "0", "1", ...).
     */
    public static boolean isArrayIndex(String part) {
        if (part.isEmpty() || part.length() > 9 || part.length() > 1 && part.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The value at this path without implicit array traversal: documents by name, arrays only by numeric
     * component. Java {@code null} when absent.
     */
    public BsonValue getExact(BsonDocument doc) {
        BsonValue cur = doc;
        for (String part : parts) {
            if (cur instanceof BsonDocument) {
                cur = ((BsonDocument) cur).get(part);
            } else if (cur instanceof BsonArray && isArrayIndex(part)) {
                int idx = Integer.parseInt(part);
                BsonArray arr = (BsonArray) cur;
                cur = idx < arr.size() ? arr.get(idx) : null;
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /**
     * The values this path reaches for sorting and index keys (MongoDB key generation): arrays met on the way
     * are expanded (one level per component), a final array contributes its elements ({@code undefined} for
     * an empty one); a path missing anywhere contributes {@code null}. Never empty.
     */
    public List<BsonValue> keyValues(BsonDocument doc) {
        List<BsonValue> out = new ArrayList<>();
        collectKeys(doc, 0, out);
        return out;
    }

    private void collectKeys(BsonValue cur, int i, List<BsonValue> out) {
        if (i == parts.length) {
            if (cur.isArray()) {
                BsonArray arr = cur.asArray();
                if (arr.isEmpty()) {
                    out.add(new BsonUndefined());
                } else {
                    out.addAll(arr);
                }
            } else {
                out.add(cur);
            }
            return;
        }
        String part = parts[i];
        if (cur.isDocument()) {
            BsonValue next = cur.asDocument().get(part);
            if (next == null) {
                out.add(BsonNull.VALUE);
            } else {
                collectKeys(next, i + 1, out);
            }
        } else if (cur.isArray()) {
            BsonArray arr = cur.asArray();
            if (isArrayIndex(part) && Integer.parseInt(part) < arr.size()) {
                collectKeys(arr.get(Integer.parseInt(part)), i + 1, out);
                return;
            }
            if (arr.isEmpty()) {
                out.add(BsonNull.VALUE);
                return;
            }
            for (BsonValue el : arr) {
                if (el.isDocument()) {
                    collectKeys(el, i, out);
                } else {
                    out.add(BsonNull.VALUE);
                }
            }
        } else {
            out.add(BsonNull.VALUE);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath && ((FieldPath) o).dotted.equals(dotted);
    }

    @Override
    public int hashCode() {
        return dotted.hashCode();
    }

    @Override
    public String toString() {
        return dotted;
    }
}
