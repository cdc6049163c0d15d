package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.query.BsonTypeAliases;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.query.QueryCompiler;
import org.bson.BsonArray;
import org.bson.BsonValue;

/** {@code $addToSet $pop $pull $pullAll}. */
final class ArrayModifiers {
    private ArrayModifiers() {
    }

    /** {@code $addToSet} with optional {@code $each}; equality is BSON comparison (1 equals 1.0). */
    static Modifier addToSet(BsonValue operand) {
        List<BsonValue> values = new ArrayList<>();
        if (operand.isDocument() && !operand.asDocument().isEmpty()
                && operand.asDocument().getFirstKey().equals("$each")) {
            BsonValue each = operand.asDocument().get("$each");
            if (operand.asDocument().size() > 1) {
                throw UpdateErrors.badValue("Found unexpected fields after $each in $addToSet: "
                        + BsonRender.value(operand));
            }
            if (!each.isArray()) {
                throw UpdateErrors.badValue("The argument to $each in $addToSet must be an array but it was of type "
                        + BsonTypeAliases.nameOf(each.getBsonType()));
            }
            values.addAll(each.asArray());
        } else {
            values.add(operand);
        }
        return (slot, ctx) -> {
            BsonValue cur = slot.get();
            if (cur != null && !cur.isArray()) {
                throw UpdateErrors.badValue("Cannot apply $addToSet to non-array field. Field named '" + slot.field()
                        + "' has non-array type " + BsonTypeAliases.nameOf(cur.getBsonType()));
            }
            BsonArray out = cur == null ? new BsonArray() : BsonCopies.array(cur.asArray());
            for (BsonValue v : values) {
                if (!contains(out, v)) {
                    out.add(FieldModifiers.copy(v));
                }
            }
            if (cur == null || out.size() != cur.asArray().size()) {
                slot.set(out);
            }
        };
    }

    private static boolean contains(List<BsonValue> list, BsonValue v) {
        for (BsonValue x : list) {
            if (BsonValueComparator.compare(x, v) == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code $pop}: 1 removes the last element, -1 the first. */
    static Modifier pop(String field, BsonValue operand) {
        if (!ArithmeticModifier.isNumeric(operand)) {
            throw UpdateErrors.failedToParse("Expected a number in: " + BsonRender.element(field, operand));
        }
        double d = operand.isDecimal128() ? operand.asDecimal128().doubleValue() : operand.asNumber().doubleValue();
        if (d != 1 && d != -1) {
            throw UpdateErrors.failedToParse("$pop expects 1 or -1, found: " + BsonRender.value(operand));
        }
        boolean last = d == 1;
        return nonCreating((slot, ctx) -> {
            BsonValue cur = slot.get();
            if (cur == null) {
                return;
            }
            if (!cur.isArray()) {
                throw UpdateErrors.typeMismatch("Path '" + slot.path() + "' contains an element of non-array type '"
                        + BsonTypeAliases.nameOf(cur.getBsonType()) + "'");
            }
            if (cur.asArray().isEmpty()) {
                return;
            }
            BsonArray out = BsonCopies.array(cur.asArray());
            out.remove(last ? out.size() - 1 : 0);
            slot.set(out);
        });
    }

    /** {@code $pull}: removes every element matching a value or condition. */
    static Modifier pull(BsonValue condition) {
        QueryCompiler.ValueMatcher matcher = QueryCompiler.compileValueCondition(condition);
        return removeWhere(matcher);
    }

    /** {@code $pullAll}: removes every element equal to one of the values. */
    static Modifier pullAll(BsonValue operand) {
        if (!operand.isArray()) {
            throw UpdateErrors.badValue("$pullAll requires an array argument but was given a "
                    + BsonTypeAliases.nameOf(operand.getBsonType()));
        }
        List<BsonValue> values = operand.asArray();
        return removeWhere(v -> contains(values, v));
    }

    private static Modifier removeWhere(QueryCompiler.ValueMatcher matcher) {
        return nonCreating((slot, ctx) -> {
            BsonValue cur = slot.get();
            if (cur == null) {
                return;
            }
            if (!cur.isArray()) {
                throw UpdateErrors.badValue("Cannot apply $pull to a non-array value");
            }
            BsonArray out = new BsonArray();
            for (BsonValue el : cur.asArray()) {
                if (!matcher.matches(el)) {
                    out.add(el);
                }
            }
            if (out.size() != cur.asArray().size()) {
                slot.set(out);
            }
        });
    }

    private static Modifier nonCreating(Modifier m) {
        return new Modifier() {
            @Override
            public void apply(Slot slot, UpdateContext ctx) {
                m.apply(slot, ctx);
            }

            @Override
            public boolean createsMissing(UpdateContext ctx) {
                return false;
            }
        };
    }
}
