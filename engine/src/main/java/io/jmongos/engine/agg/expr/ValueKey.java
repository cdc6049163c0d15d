package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.util.Map;

import org.bson.BsonValue;

/**
 * A BSON value as a hash key whose equality is MongoDB's value equality ({@code 1 == 1.0 == 1L}), for
 * $group keys, $addToSet and the set operators. Java null (missing) is a key of its own.
 */
public final class ValueKey {
    private final BsonValue value;
    private final int hash;

    public ValueKey(BsonValue value) {
        this.value = value;
        this.hash = hash(value);
    }

    public BsonValue value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ValueKey)) {
            return false;
        }
        ValueKey k = (ValueKey) o;
        if (hash != k.hash) {
            return false;
        }
        if (value == null || k.value == null) {
            return value == k.value;
        }
        return Values.compare(value, k.value) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private static int hash(BsonValue v) {
        if (v == null) {
            return 7;
        }
        switch (v.getBsonType()) {
            case INT32:
            case INT64:
            case DOUBLE:
            case DECIMAL128:
                return numberHash(v);
            case STRING:
                return v.asString().getValue().hashCode();
            case SYMBOL:
                return v.asSymbol().getSymbol().hashCode();
            case DOCUMENT: {
                int h = 17;
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    h = h * 31 + e.getKey().hashCode();
                    h = h * 31 + hash(e.getValue());
                }
                return h;
            }
            case ARRAY: {
                int h = 19;
                for (BsonValue e : v.asArray()) {
                    h = h * 31 + hash(e);
                }
                return h;
            }
            case UNDEFINED:
                return 7;
            default:
                return v.hashCode();
        }
    }

    private static int numberHash(BsonValue v) {
        double d = Numbers.toDouble(v);
        if (Double.isNaN(d)) {
            return 11;
        }
        if (v.isInt32() || v.isInt64()) {
            return Long.hashCode(Numbers.toLong(v));
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            if (v.isDecimal128()) {
                BigDecimal b = Numbers.toBigDecimal(v);
                if (b != null && b.stripTrailingZeros().scale() <= 0) {
                    return Long.hashCode(b.longValue());
                }
                return Double.hashCode(d);
            }
            return Long.hashCode((long) d);
        }
        return Double.hashCode(d == 0 ? 0.0 : d);
    }
}
