package io.jmongos.engine.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed sort specification ({@code {a: 1, "b.c": -1}}). Documents compare field by field; a field whose
 * path reaches several values (arrays) sorts by its smallest value ascending and its largest descending; a
 * missing field sorts as {@code null}, an empty array just below {@code null}. {@code $natural} is accepted
 * and reported by {@link #naturalDirection()}; it adds no key.
 */
public final class SortSpec {
    /** One sort field: its path and direction. */
    public record Field(FieldPath path, boolean ascending) {
        /** 1 or -1, as in an index key pattern. */
        public int direction() {
            return ascending ? 1 : -1;
        }
    }

    private static final SortSpec EMPTY = new SortSpec(List.of(), 0);

    private final List<Field> fields;
    private final int naturalDirection;

    private SortSpec(List<Field> fields, int naturalDirection) {
        this.fields = Collections.unmodifiableList(fields);
        this.naturalDirection = naturalDirection;
    }

    /**
     * Parses a sort document; {@code null} or empty means "no sort".
     *
     * @throws CommandFailedException 15974/15975 for bad directions, 17312 or 2 BadValue for $meta, field-path
     *                                errors (15998, 16410, 40352, 40353) for bad names
     */
    public static SortSpec compile(BsonDocument spec) {
        if (spec == null || spec.isEmpty()) {
            return EMPTY;
        }
        List<Field> fields = new ArrayList<>();
        int natural = 0;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            if (v.isDocument()) {
                BsonDocument meta = v.asDocument();
                if (meta.isEmpty() || !meta.getFirstKey().equals("$meta")) {
                    throw new CommandFailedException(17312, "Location17312",
                            "$meta is the only expression supported by $sort right now");
                }
                throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "$meta sort by " + meta.get("$meta") + " is not supported");
            }
            if (!v.isNumber() && !v.isDecimal128()) {
                throw new CommandFailedException(15974, "Location15974",
                        "Illegal key in $sort specification: " + name + ": " + v);
            }
            double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
            if (d != 1 && d != -1) {
                throw new CommandFailedException(15975, "Location15975",
                        "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
            }
            if (name.equals("$natural")) {
                natural = (int) d;
                continue;
            }
            FieldPathRules.validateSortPath(name);
            fields.add(new Field(FieldPath.of(name), d == 1));
        }
        return new SortSpec(fields, natural);
    }

    /** The key fields in order ($natural excluded). */
    public List<Field> fields() {
        return fields;
    }

    /** 1 or -1 when {@code $natural} was given, else 0. */
    public int naturalDirection() {
        return naturalDirection;
    }

    /** True when there is no key field (no sort, or $natural only). */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The sort key of a document: one value per field (min ascending, max descending). */
    public BsonValue[] sortKey(BsonDocument doc) {
        BsonValue[] key = new BsonValue[fields.size()];
        for (int i = 0; i < key.length; i++) {
            Field f = fields.get(i);
            BsonValue best = null;
            for (BsonValue v : f.path().keyValues(doc)) {
                if (best == null) {
                    best = v;
                } else {
                    int c = BsonValueComparator.compare(v, best);
                    if (f.ascending() ? c < 0 : c > 0) {
                        best = v;
                    }
                }
            }
            key[i] = best;
        }
        return key;
    }

    /** Orders keys produced by {@link #sortKey}, honouring each field's direction. */
    public Comparator<BsonValue[]> keyComparator() {
        return (a, b) -> {
            for (int i = 0; i < fields.size(); i++) {
                int c = BsonValueComparator.compare(a[i], b[i]);
                if (c != 0) {
                    return fields.get(i).ascending() ? c : -c;
                }
            }
            return 0;
        };
    }

    /** Orders documents; computes keys on every comparison (precompute with {@link #sortKey} for big sorts). */
    public Comparator<BsonDocument> comparator() {
        Comparator<BsonValue[]> keys = keyComparator();
        return (a, b) -> keys.compare(sortKey(a), sortKey(b));
    }
}
