package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.query.BsonValueComparator;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * The order of {@code $push}'s {@code $sort}, as MongoDB's PatternElementCmp: {@code 1}/{@code -1} compares whole
 * elements; a pattern {@code {field: 1, ...}} compares each element's key, the value at each dotted path (array
 * elements reached only by a numeric part, missing values null), with BSON comparison. An element that is not a
 * document has no fields, so its key is all nulls: scalars sort together with documents that lack the fields and
 * keep their relative order (the sort is stable, as MongoDB's).
 */
final class PushSort {
    private PushSort() {
    }

    static Comparator<BsonValue> parse(BsonValue v) {
        if (ArithmeticModifier.isNumeric(v)) {
            double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
            if (d != 1 && d != -1) {
                throw UpdateErrors.badValue("The $sort element value must be either 1 or -1");
            }
            return d == 1 ? BsonValueComparator.INSTANCE : BsonValueComparator.INSTANCE.reversed();
        }
        if (!v.isDocument()) {
            throw UpdateErrors.badValue("The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} "
                    + "to sort embedded fields");
        }
        BsonDocument pattern = v.asDocument();
        if (pattern.isEmpty()) {
            throw UpdateErrors.badValue("The $sort pattern is empty when it should be a set of fields.");
        }
        List<String[]> paths = new ArrayList<>();
        List<Integer> directions = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : pattern.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().startsWith(".") || e.getKey().endsWith(".")
                    || e.getKey().contains("..")) {
                throw UpdateErrors.badValue("The $sort field is a dotted field but has an empty part: "
                        + e.getKey());
            }
            BsonValue dir = e.getValue();
            if (!ArithmeticModifier.isNumeric(dir) || Math.abs(dir.asNumber().doubleValue()) != 1) {
                throw UpdateErrors.badValue("The $sort element value must be either 1 or -1");
            }
            paths.add(e.getKey().split("\\.", -1));
            directions.add(dir.asNumber().doubleValue() > 0 ? 1 : -1);
        }
        return (a, b) -> {
            for (int i = 0; i < paths.size(); i++) {
                int c = BsonValueComparator.compare(keyAt(a, paths.get(i)), keyAt(b, paths.get(i)));
                if (c != 0) {
                    return c * directions.get(i);
                }
            }
            return 0;
        };
    }

    /** The value at {@code path} in a document element, null (BSON null) when missing or not a document. */
    private static BsonValue keyAt(BsonValue element, String[] path) {
        if (!element.isDocument()) {
            return BsonNull.VALUE;
        }
        BsonValue cur = element;
        for (String part : path) {
            if (cur.isDocument()) {
                cur = cur.asDocument().get(part);
            } else if (cur.isArray() && isIndex(part) && Integer.parseInt(part) < cur.asArray().size()) {
                cur = cur.asArray().get(Integer.parseInt(part));
            } else {
                cur = null;
            }
            if (cur == null) {
                return BsonNull.VALUE;
            }
        }
        return cur;
    }

    private static boolean isIndex(String part) {
        if (part.isEmpty() || part.length() > 9) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (!Character.isDigit(part.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
