package io.jmongos.engine.update;

import java.util.Map;

import io.jmongos.engine.query.BsonTypeAliases;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** {@code $bit: {a: {and|or|xor: <int or long>}}} on integral fields; a missing field counts as 0. */
final class BitModifier implements Modifier {
    private final BsonDocument ops;

    BitModifier(String field, BsonValue operand) {
        if (!operand.isDocument()) {
            throw UpdateErrors.badValue("The $bit modifier is not compatible with a "
                    + BsonTypeAliases.nameOf(operand.getBsonType())
                    + ". You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}");
        }
        for (Map.Entry<String, BsonValue> e : operand.asDocument().entrySet()) {
            String k = e.getKey();
            if (!k.equals("and") && !k.equals("or") && !k.equals("xor")) {
                throw UpdateErrors.badValue("The $bit modifier only supports 'and', 'or', and 'xor', not '" + k
                        + "' which is an unknown operator: {" + BsonRender.element(k, e.getValue()) + "}");
            }
            if (!e.getValue().isInt32() && !e.getValue().isInt64()) {
                throw UpdateErrors.badValue("The $bit modifier field must be an Integer(32/64 bit); a '"
                        + BsonTypeAliases.nameOf(e.getValue().getBsonType())
                        + "' is not supported here: {" + BsonRender.element(k, e.getValue()) + "}");
            }
        }
        if (operand.asDocument().isEmpty()) {
            throw UpdateErrors.badValue("You must pass in at least one bitwise operation. The format is: "
                    + "{$bit: {field: {and/or/xor: #}}");
        }
        this.ops = operand.asDocument();
    }

    @Override
    public void apply(Slot slot, UpdateContext ctx) {
        BsonValue cur = slot.get();
        if (cur != null && !cur.isInt32() && !cur.isInt64()) {
            throw UpdateErrors.badValue("Cannot apply $bit to a value of non-integral type."
                    + ctx.idForMessage() + " has the field " + slot.field() + " of non-integer type "
                    + BsonTypeAliases.nameOf(cur.getBsonType()));
        }
        boolean isLong = cur != null && cur.isInt64();
        long v = cur == null ? 0 : cur.asNumber().longValue();
        for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
            long x = e.getValue().asNumber().longValue();
            isLong |= e.getValue().isInt64();
            switch (e.getKey()) {
                case "and": v &= x; break;
                case "or": v |= x; break;
                default: v ^= x; break;
            }
        }
        slot.set(isLong ? new BsonInt64(v) : new BsonInt32((int) v));
    }
}
