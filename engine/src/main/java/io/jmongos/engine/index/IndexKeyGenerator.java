package io.jmongos.engine.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.query.FieldPath;
import io.jmongos.engine.storage.ByteSink;
import io.jmongos.engine.storage.KeyEncoder;
import org.bson.BsonArray;
import org.bson.BsonInt64;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * Generates the index keys of a document as MongoDB's key generator does: a missing path gives null, an
 * array met along a path gives one key per element (an empty array gives undefined), a compound index
 * takes the product of its fields' values, and two fields that expand different arrays are refused
 * (171 CannotIndexParallelArrays). Sparse indexes skip documents that have none of the fields; partial
 * indexes skip documents that do not match their filter.
 */
public final class IndexKeyGenerator {
    /** MongoDB's code for a compound key over two parallel arrays (ErrorCodes::CannotIndexParallelArrays). */
    public static final int CANNOT_INDEX_PARALLEL_ARRAYS = 171;
    /** MongoDB's code for an array under a hashed index field (ExpressionKeysPrivate::getHashKeys). */
    public static final int HASHED_ARRAY = 16766;

    private IndexKeyGenerator() {
    }

    /** The keys of {@code doc}, deduplicated; {@code multikey} tells whether an array was expanded. */
    public record Result(List<IndexKey> keys, boolean multikey) {
    }

    public static Result generate(IndexMeta index, BsonDocument doc) {
        if (index.partialMatcher() != null && !index.partialMatcher().matches(doc)) {
            return new Result(List.of(), false);
        }
        int n = index.paths().size();
        List<List<BsonValue>> perField = new ArrayList<>(n);
        List<Set<String>> arrayPaths = new ArrayList<>(n);
        boolean anyPresent = false;
        for (FieldPath path : index.paths()) {
            List<BsonValue> values = new ArrayList<>();
            Set<String> arrays = new TreeSet<>();
            collect(doc, path, 0, values, arrays);
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    values.set(i, BsonNull.VALUE);
                } else {
                    anyPresent = true;
                }
            }
            perField.add(values);
            arrayPaths.add(arrays);
        }
        if (index.sparse() && !anyPresent) {
            return new Result(List.of(), false);
        }
        checkParallelArrays(index, arrayPaths);
        int hashed = index.hashedField();
        if (hashed >= 0) {
            if (!arrayPaths.get(hashed).isEmpty()) {
                throw new CommandFailedException(HASHED_ARRAY, "Location" + HASHED_ARRAY, "hashed indexes do not "
                        + "currently support array values. Found array at path: "
                        + arrayPaths.get(hashed).iterator().next());
            }
            List<BsonValue> hashes = new ArrayList<>();
            perField.get(hashed).forEach(v -> hashes.add(new BsonInt64(BsonElementHasher.hash64(v))));
            perField.set(hashed, hashes);
        }
        boolean multikey = arrayPaths.stream().anyMatch(s -> !s.isEmpty());
        Map<String, IndexKey> keys = new LinkedHashMap<>();
        product(index, perField, 0, new ArrayList<>(), keys);
        return new Result(new ArrayList<>(keys.values()), multikey);
    }

    /** Encodes one compound key from its values, honouring each field's direction. */
    public static byte[] encode(IndexMeta index, List<BsonValue> values) {
        ByteSink out = new ByteSink();
        for (int i = 0; i < values.size(); i++) {
            int start = out.length();
            KeyEncoder.encode(values.get(i), out);
            if (index.direction(i) < 0) {
                out.complementFrom(start);
            }
        }
        return out.toByteArray();
    }

    private static void product(IndexMeta index, List<List<BsonValue>> perField, int i, List<BsonValue> acc,
                                Map<String, IndexKey> out) {
        if (i == perField.size()) {
            List<BsonValue> values = List.copyOf(acc);
            byte[] encoded = encode(index, values);
            out.putIfAbsent(java.util.HexFormat.of().formatHex(encoded), new IndexKey(encoded, values));
            return;
        }
        for (BsonValue v : perField.get(i)) {
            acc.add(v);
            product(index, perField, i + 1, acc, out);
            acc.remove(acc.size() - 1);
        }
    }

    private static void checkParallelArrays(IndexMeta index, List<Set<String>> arrayPaths) {
        for (int i = 0; i < arrayPaths.size(); i++) {
            for (int j = 0; j < i; j++) {
                Set<String> a = arrayPaths.get(i);
                Set<String> b = arrayPaths.get(j);
                if (!a.isEmpty() && !b.isEmpty() && a.stream().noneMatch(b::contains)) {
                    throw new CommandFailedException(CANNOT_INDEX_PARALLEL_ARRAYS, "CannotIndexParallelArrays",
                            "cannot index parallel arrays [" + leaf(a) + "] [" + leaf(b) + "]");
                }
            }
        }
    }

    private static String leaf(Set<String> arrayPaths) {
        String p = arrayPaths.iterator().next();
        return p.substring(p.lastIndexOf('.') + 1);
    }

    /** Values along {@code path} from component {@code i}; Java null marks a missing path. */
    private static void collect(BsonValue cur, FieldPath path, int i, List<BsonValue> out, Set<String> arrays) {
        if (i == path.length()) {
            if (cur.isArray()) {
                arrays.add(path.dotted());
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
        String part = path.part(i);
        if (cur.isDocument()) {
            BsonValue next = cur.asDocument().get(part);
            if (next == null) {
                out.add(null);
            } else {
                collect(next, path, i + 1, out, arrays);
            }
        } else if (cur.isArray()) {
            BsonArray arr = cur.asArray();
            if (FieldPath.isArrayIndex(part) && Integer.parseInt(part) < arr.size()) {
                collect(arr.get(Integer.parseInt(part)), path, i + 1, out, arrays);
                return;
            }
            arrays.add(path.prefix(i).dotted());
            if (arr.isEmpty()) {
                out.add(null);
                return;
            }
            for (BsonValue el : arr) {
                if (el.isDocument()) {
                    collect(el, path, i, out, arrays);
                } else {
                    out.add(null);
                }
            }
        } else {
            out.add(null);
        }
    }
}
