package io.jmongos.engine.query;

import org.bson.BsonValue;

/**
 * {@code $eq $lt $lte $gt $gte} against one value, with MongoDB's type bracketing: values of different
 * canonical types never compare, except that {@code null} equals a missing value and MinKey/MaxKey bound
 * everything. NaN equals only NaN and is neither above nor below anything.
 */
final class ComparisonPredicate implements ValuePredicate {
    enum Op { EQ, LT, LTE, GT, GTE }

    private final Op op;
    private final BsonValue rhs;
    private final int rhsRank;
    private final boolean rhsNaN;

    ComparisonPredicate(Op op, BsonValue rhs) {
        this.op = op;
        this.rhs = rhs;
        this.rhsRank = BsonValueComparator.canonicalTypeRank(rhs);
        this.rhsNaN = rhs.isNumber() || rhs.isDecimal128() ? NumberComparison.isNaN(rhs) : false;
    }

    BsonValue rhs() {
        return rhs;
    }

    Op op() {
        return op;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            if (rhsRank == BsonValueComparator.RANK_NULL) {
                return op == Op.EQ || op == Op.LTE || op == Op.GTE;
            }
            return outsideBracket();
        }
        int rank = BsonValueComparator.canonicalTypeRank(value);
        if (rank != rhsRank) {
            return outsideBracket();
        }
        if (rank == BsonValueComparator.RANK_NUMBER) {
            boolean nan = NumberComparison.isNaN(value);
            if (nan || rhsNaN) {
                boolean both = nan && rhsNaN;
                return both && (op == Op.EQ || op == Op.LTE || op == Op.GTE);
            }
        }
        int c = BsonValueComparator.compare(value, rhs);
        switch (op) {
            case EQ: return c == 0;
            case LT: return c < 0;
            case LTE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
        }
    }

    /** A value of another canonical type: only MinKey/MaxKey bounds compare. */
    private boolean outsideBracket() {
        if (rhsRank == BsonValueComparator.RANK_MAX_KEY) {
            return op == Op.LT || op == Op.LTE;
        }
        if (rhsRank == BsonValueComparator.RANK_MIN_KEY) {
            return op == Op.GT || op == Op.GTE;
        }
        return false;
    }
}
