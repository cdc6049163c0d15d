package io.jmongos.router.sharding.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonType;
import org.bson.BsonValue;

import io.jmongos.engine.query.BsonValueComparator;

/**
 * What a query filter says about one shard key field, loosened to a superset (targeting may only ever ask too many
 * shards, never too few): a set of points (equality, {@code $eq}, {@code $in}), a closed range (from {@code $gt},
 * {@code $gte}, {@code $lt}, {@code $lte}, without type bracketing), or nothing ({@link #ANY}). Regular expressions,
 * arrays, {@code $ne}, {@code $nin}, {@code $not}, {@code $exists}, {@code $elemMatch} and documents holding
 * operators say nothing.
 */
record KeyConstraint(List<BsonValue> points, BsonValue low, BsonValue high, boolean highInclusive) {
    static final KeyConstraint ANY = new KeyConstraint(null, new BsonMinKey(), new BsonMaxKey(), true);

    boolean isAny() {
        return points == null && low.getBsonType() == BsonType.MIN_KEY && high.getBsonType() == BsonType.MAX_KEY;
    }

    boolean isPoints() {
        return points != null;
    }

    static KeyConstraint points(List<BsonValue> values) {
        return new KeyConstraint(List.copyOf(values), null, null, true);
    }

    /** The constraint of one filter value on the field: {@code {f: v}} or {@code {f: {$op: v, ...}}}. */
    static KeyConstraint of(BsonValue condition) {
        if (condition.isDocument() && isOperatorDocument(condition.asDocument())) {
            KeyConstraint c = ANY;
            for (Map.Entry<String, BsonValue> e : condition.asDocument().entrySet()) {
                c = c.and(ofOperator(e.getKey(), e.getValue()));
            }
            return c;
        }
        return pointable(condition) ? points(List.of(condition)) : ANY;
    }

    private static KeyConstraint ofOperator(String op, BsonValue v) {
        switch (op) {
            case "$eq":
                return pointable(v) ? points(List.of(v)) : ANY;
            case "$in": {
                if (!v.isArray()) {
                    return ANY;
                }
                List<BsonValue> pts = new ArrayList<>();
                for (BsonValue x : v.asArray()) {
                    if (!pointable(x)) {
                        return ANY;
                    }
                    pts.add(x);
                }
                return points(pts);
            }
            case "$gt":
            case "$gte":
                return pointable(v) ? new KeyConstraint(null, v, new BsonMaxKey(), true) : ANY;
            case "$lt":
            case "$lte":
                return pointable(v) ? new KeyConstraint(null, new BsonMinKey(), v, op.equals("$lte")) : ANY;
            default:
                return ANY;
        }
    }

    /** A value a shard key may equal: not an array, a regular expression, or a document with operators. */
    static boolean pointable(BsonValue v) {
        return !v.isArray() && !v.isRegularExpression() && !(v.isDocument() && isOperatorDocument(v.asDocument()));
    }

    private static boolean isOperatorDocument(BsonDocument d) {
        return !d.isEmpty() && d.getFirstKey().startsWith("$");
    }

    /** Both constraints hold (a superset of their intersection). */
    KeyConstraint and(KeyConstraint o) {
        if (isAny()) {
            return o;
        }
        if (o.isAny()) {
            return this;
        }
        if (isPoints() && o.isPoints()) {
            List<BsonValue> both = new ArrayList<>();
            for (BsonValue p : points) {
                if (o.points.stream().anyMatch(q -> BsonValueComparator.equal(p, q))) {
                    both.add(p);
                }
            }
            return points(both);
        }
        if (isPoints() || o.isPoints()) {
            KeyConstraint pts = isPoints() ? this : o;
            KeyConstraint range = isPoints() ? o : this;
            List<BsonValue> inside = new ArrayList<>();
            for (BsonValue p : pts.points) {
                int toHigh = BsonValueComparator.compare(p, range.high);
                if (BsonValueComparator.compare(p, range.low) >= 0 && (toHigh < 0
                        || toHigh == 0 && range.highInclusive)) {
                    inside.add(p);
                }
            }
            return points(inside);
        }
        BsonValue lo = BsonValueComparator.compare(low, o.low) >= 0 ? low : o.low;
        int c = BsonValueComparator.compare(high, o.high);
        BsonValue hi = c <= 0 ? high : o.high;
        boolean inclusive = c < 0 ? highInclusive : c > 0 ? o.highInclusive : highInclusive && o.highInclusive;
        return new KeyConstraint(null, lo, hi, inclusive);
    }
}
