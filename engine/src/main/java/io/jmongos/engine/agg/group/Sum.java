package io.jmongos.engine.agg.group;

import java.math.BigDecimal;

import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * A numeric sum with MongoDB's result type: int while every input is an int and the total fits, long on int
 * overflow or long inputs, double on long overflow or double inputs (Kahan-compensated), decimal if any input is
 * decimal. Non-numeric values are ignored.
 */
final class Sum {
    private int widest = Numbers.INT;
    private long longTotal;
    private double doubleTotal;
    private double compensation;
    private BigDecimal decimalTotal;
    private boolean decimalSpecial;
    private double decimalSpecialValue;
    private long count;

    /** @return true when the value was numeric and counted */
    boolean add(BsonValue v) {
        if (!Values.isNumber(v)) {
            return false;
        }
        count++;
        int k = Numbers.kind(v);
        if (k == Numbers.DECIMAL || widest == Numbers.DECIMAL) {
            toDecimal();
            BigDecimal b = Numbers.toBigDecimal(v);
            if (b == null) {
                decimalSpecial = true;
                decimalSpecialValue += Numbers.toDouble(v);
            } else {
                decimalTotal = decimalTotal.add(b);
            }
            return true;
        }
        if (k == Numbers.DOUBLE || widest == Numbers.DOUBLE) {
            if (widest != Numbers.DOUBLE) {
                doubleTotal = longTotal;
                widest = Numbers.DOUBLE;
            }
            kahan(Numbers.toDouble(v));
            return true;
        }
        long x = Numbers.toLong(v);
        long r = longTotal + x;
        if (((longTotal ^ r) & (x ^ r)) < 0) {
            doubleTotal = longTotal;
            widest = Numbers.DOUBLE;
            kahan(x);
            return true;
        }
        longTotal = r;
        if (k == Numbers.LONG) {
            widest = Numbers.LONG;
        }
        return true;
    }

    private void kahan(double x) {
        double y = x - compensation;
        double t = doubleTotal + y;
        compensation = (t - doubleTotal) - y;
        doubleTotal = t;
    }

    private void toDecimal() {
        if (widest == Numbers.DECIMAL) {
            return;
        }
        if (widest == Numbers.DOUBLE) {
            if (Double.isFinite(doubleTotal)) {
                decimalTotal = new BigDecimal(Double.toString(doubleTotal));
            } else {
                decimalTotal = BigDecimal.ZERO;
                decimalSpecial = true;
                decimalSpecialValue = doubleTotal;
            }
        } else {
            decimalTotal = BigDecimal.valueOf(longTotal);
        }
        widest = Numbers.DECIMAL;
    }

    long count() {
        return count;
    }

    int widest() {
        return widest;
    }

    /** The total in its result type. */
    BsonValue total() {
        switch (widest) {
            case Numbers.INT:
                return longTotal >= Integer.MIN_VALUE && longTotal <= Integer.MAX_VALUE
                        ? new BsonInt32((int) longTotal) : new BsonInt64(longTotal);
            case Numbers.LONG:
                return new BsonInt64(longTotal);
            case Numbers.DOUBLE:
                return new BsonDouble(doubleTotal);
            default:
                return decimalSpecial ? Numbers.decimalOf(new BsonDouble(decimalSpecialValue))
                        : Numbers.decimal(decimalTotal);
        }
    }

    /** The total as a double or decimal, for averages. */
    BigDecimal decimalTotal() {
        toDecimal();
        return decimalSpecial ? null : decimalTotal;
    }

    double doubleTotal() {
        return widest == Numbers.DOUBLE ? doubleTotal : widest == Numbers.DECIMAL
                ? Numbers.toDouble(total()) : (double) longTotal;
    }
}
