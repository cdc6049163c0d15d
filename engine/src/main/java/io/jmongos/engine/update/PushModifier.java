package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.query.BsonTypeAliases;
import org.bson.BsonArray;
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
                    sort = PushSort.parse(v);
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
