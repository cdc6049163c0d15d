package io.jmongos.engine.command.crud;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.query.FieldPath;
import org.bson.BsonValue;

/** The values distinct reads at a path: arrays along the way are entered, a final array gives its elements. */
final class DistinctValues {
    private DistinctValues() {
    }

    static List<BsonValue> of(BsonValue doc, FieldPath path) {
        List<BsonValue> out = new ArrayList<>();
        collect(doc, path, 0, out);
        return out;
    }

    private static void collect(BsonValue cur, FieldPath path, int i, List<BsonValue> out) {
        if (i == path.length()) {
            if (cur.isArray()) {
                out.addAll(cur.asArray());
            } else {
                out.add(cur);
            }
            return;
        }
        if (cur.isDocument()) {
            BsonValue next = cur.asDocument().get(path.part(i));
            if (next != null) {
                collect(next, path, i + 1, out);
            }
        } else if (cur.isArray()) {
            String part = path.part(i);
            if (FieldPath.isArrayIndex(part) && Integer.parseInt(part) < cur.asArray().size()) {
                collect(cur.asArray().get(Integer.parseInt(part)), path, i + 1, out);
                return;
            }
            for (BsonValue el : cur.asArray()) {
                if (el.isDocument()) {
                    collect(el, path, i, out);
                }
            }
        }
    }
}
