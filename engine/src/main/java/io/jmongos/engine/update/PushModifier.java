package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.query.BsonTypeAliases;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.query.SortSpec;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $push} with {@code $each}, {@code $position}, {@code $sort} and {@code $slice}. */
final class PushModifier implements Modifier {
    private final List<BsonValue> values = new ArrayList<>();
    private Integer position;
    private Integer slice;
    private Comparator<BsonValue> sort;

    PushModifier(BsonValue operand) {
        if (!operand.isDocument() || !operand.asDocument().containsKey("$each")) {
            values.add(operand);
            return;
        }
        for (Map.Entry<String, BsonValue> e : operand.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "$each":
                    if (!v.isArray()) {
                        throw UpdateErrors.badValue("The argument to $each in $push must be an array but it was of "
                                + "type: " + BsonTypeAliases.nameOf(v.getBsonType()));
                    }
                    values.addAll(v.asArray());
                    break;
                case "$slice":
                    slice = integral(v, "The value for $slice must be an integral value but was given type: "
                            + BsonTypeAliases.nameOf(v.getBsonType()));
                    break;
                case "$position":
                    position = integral(v, "The value for $position must be an integer value, not of type: "
                            + BsonTypeAliases.nameOf(v.getBsonType()));
                    break;
                case "$sort":
                    sort = parseSort(v);
                    break;
                default:
                    throw UpdateErrors.badValue("Unrecognized clause in $push: " + e.getKey());
            }
        }
    }

    private static Integer integral(BsonValue v, String msg) {
        if (!ArithmeticModifier.isNumeric(v)) {
            throw UpdateErrors.badValue(msg);
        }
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        if (d != Math.rint(d)) {
            throw UpdateErrors.badValue(msg);
        }
        return d > Integer.MAX_VALUE ? Integer.MAX_VALUE : d < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d;
    }

    private static Comparator<BsonValue> parseSort(BsonValue v) {
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
        }
        SortSpec spec = SortSpec.compile(pattern);
        Comparator<BsonValue[]> keys = spec.keyComparator();
        return (a, b) -> {
            if (a.isDocument() && b.isDocument()) {
                return keys.compare(spec.sortKey(a.asDocument()), spec.sortKey(b.asDocument()));
            }
            return BsonValueComparator.compare(a, b);
        };
    }

    @Override
    public void apply(Slot slot, UpdateContext ctx) {
        BsonValue cur = slot.get();
        if (cur != null && !cur.isArray()) {
            throw UpdateErrors.badValue("The field '" + slot.field() + "' must be an array but is of type "
                    + BsonTypeAliases.nameOf(cur.getBsonType()) + " in document " + ctx.idForMessage());
        }
        List<BsonValue> list = new ArrayList<>(cur == null ? List.of() : cur.asArray());
        int at = list.size();
        if (position != null) {
            at = position >= 0 ? Math.min(position, list.size()) : Math.max(0, list.size() + position);
        }
        List<BsonValue> copies = new ArrayList<>();
        for (BsonValue v : values) {
            copies.add(FieldModifiers.copy(v));
        }
        list.addAll(at, copies);
        if (sort != null) {
            list.sort(sort);
        }
        if (slice != null) {
            int n = slice;
            list = n >= 0 ? list.subList(0, Math.min(n, list.size()))
                    : list.subList(Math.max(0, list.size() + n), list.size());
        }
        slot.set(new BsonArray(new ArrayList<>(list)));
    }
}
