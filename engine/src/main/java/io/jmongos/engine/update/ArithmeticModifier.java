package io.jmongos.engine.update;

import io.jmongos.engine.query.BsonTypeAliases;
import org.bson.BsonValue;

/** {@code $inc} and {@code $mul}. */
final class ArithmeticModifier implements Modifier {
    private final String op;
    private final BsonValue operand;

    ArithmeticModifier(String op, BsonValue operand) {
        this.op = op;
        this.operand = operand;
    }

    static boolean isNumeric(BsonValue v) {
        return v.isNumber() || v.isDecimal128();
    }

    @Override
    public void apply(Slot slot, UpdateContext ctx) {
        BsonValue cur = slot.get();
        boolean inc = op.equals("$inc");
        if (cur == null) {
            slot.set(inc ? operand : SafeArithmetic.zeroLike(operand));
            return;
        }
        if (!isNumeric(cur)) {
            throw UpdateErrors.typeMismatch("Cannot apply " + op + " to a value of non-numeric type. "
                    + ctx.idForMessage() + " has the field '" + slot.field() + "' of non-numeric type "
                    + BsonTypeAliases.nameOf(cur.getBsonType()));
        }
        BsonValue result = inc ? SafeArithmetic.add(cur, operand) : SafeArithmetic.multiply(cur, operand);
        if (result == null) {
            throw UpdateErrors.badValue("Failed to apply " + op + " operations to current value (("
                    + typeLabel(cur) + ")" + BsonRender.value(cur) + ") for document " + ctx.idForMessage());
        }
        slot.set(result);
    }

    private static String typeLabel(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return "NumberInt";
            case INT64: return "NumberLong";
            case DOUBLE: return "NumberDouble";
            default: return "NumberDecimal";
        }
    }
}
