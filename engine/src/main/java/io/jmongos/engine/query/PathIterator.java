package io.jmongos.engine.query;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Walks a dotted path through a document the way MongoDB's query matcher does (its BSONElementIterator) and
 * offers every value reached to a visitor, stopping at the first one it accepts:
 * <ul>
 *   <li>documents are entered by field name; a path that ends early offers "missing" (Java null);</li>
 *   <li>an array met before the end of the path is traversed implicitly: each element that is a document
 *       continues with the rest of the path (offering "missing" if it lacks it), other elements offer
 *       nothing; a numeric component also selects the element at that index ({@code a.0.b});</li>
 *   <li>an array at the end of the path offers each element, then the array itself (unless the visitor
 *       wants no leaf traversal: then only the array); a path whose rest after an array is one empty
 *       component ({@code a.} on {@code {a: [..]}}) ends at that array, as in MongoDB's BSONElementIterator.</li>
 * </ul>
 * Each value carries the index of the outermost implicitly traversed array element, for positional $.
 */
final class PathIterator {
    /** Receives one reached value; returns true to stop (a match). */
    @FunctionalInterface
    interface Visitor {
        boolean visit(BsonValue value, String arrayOffset);
    }

    private PathIterator() {
    }

    static boolean anyMatch(BsonDocument doc, FieldPath path, boolean leafTraversal, Visitor visitor) {
        return anyMatch(doc, path.parts().toArray(new String[0]), leafTraversal, visitor);
    }

    /** As above with the path already split (callers on hot paths keep the array). */
    static boolean anyMatch(BsonDocument doc, String[] parts, boolean leafTraversal, Visitor visitor) {
        return fromDocument(doc, parts, 0, leafTraversal, null, visitor);
    }

    private static boolean fromDocument(BsonDocument obj, String[] parts, int start, boolean leafTraversal,
                                        String outerOffset, Visitor visitor) {
        BsonValue res = null;
        BsonDocument curr = obj;
        int i = start;
        while (i < parts.length) {
            res = curr.get(parts[i]);
            if (res == null || res.isArray()) {
                break;
            }
            if (res.isDocument()) {
                curr = res.asDocument();
                i++;
                continue;
            }
            if (i + 1 < parts.length) {
                res = null; // a scalar in the middle of the path: the rest is missing
            }
            break;
        }
        if (res == null || !res.isArray()) {
            return visitor.visit(res, outerOffset);
        }
        return fromArray(res.asArray(), parts, i + 1, leafTraversal, outerOffset, visitor);
    }

    private static boolean fromArray(BsonArray arr, String[] parts, int restStart, boolean leafTraversal,
                                     String outerOffset, Visitor visitor) {
        // MongoDB tests the rest of the dotted path as a string: a single empty component left (the path "a."
        // on an array at "a") is no rest at all, so the path ends at the array
        boolean hasMore = restStart < parts.length && !(restStart == parts.length - 1 && parts[restStart].isEmpty());
        if (!hasMore && !leafTraversal) {
            return visitor.visit(arr, outerOffset);
        }
        String next = hasMore ? parts[restStart] : null;
        boolean nextIsNumber = hasMore && isAllDigits(next);
        boolean nextIsLast = restStart == parts.length - 1;
        for (int k = 0; k < arr.size(); k++) {
            BsonValue el = arr.get(k);
            String name = Integer.toString(k);
            if (!hasMore) {
                if (visitor.visit(el, outerOffset != null ? outerOffset : name)) {
                    return true;
                }
                continue;
            }
            if (el.isDocument() && fromDocument(el.asDocument(), parts, restStart, leafTraversal,
                    outerOffset != null ? outerOffset : name, visitor)) {
                return true;
            }
            if (nextIsNumber && next.equals(name)) {
                if (nextIsLast) {
                    if (visitor.visit(el, outerOffset)) {
                        return true;
                    }
                } else if (el.isDocument()) {
                    if (fromDocument(el.asDocument(), parts, restStart + 1, leafTraversal, outerOffset, visitor)) {
                        return true;
                    }
                } else if (el.isArray()) {
                    if (fromArray(el.asArray(), parts, restStart + 1, leafTraversal, outerOffset, visitor)) {
                        return true;
                    }
                }
            }
        }
        return !hasMore && visitor.visit(arr, outerOffset);
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
