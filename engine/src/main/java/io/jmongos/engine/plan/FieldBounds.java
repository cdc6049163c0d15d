package io.jmongos.engine.plan;

import java.util.List;

import io.jmongos.engine.storage.KeyEncoder;
import org.bson.BsonValue;

/**
 * What a filter says about one field that an index can use: a set of equality values, or a range inside
 * one type bracket. Bounds only ever narrow a scan to a superset of the matches; the full matcher still
 * filters every document.
 */
final class FieldBounds {
    List<BsonValue> points;
    BsonValue lower;
    boolean lowerInclusive;
    BsonValue upper;
    boolean upperInclusive;
    /** True when lower and upper came from different predicates (not intersectable on a multikey index). */
    boolean twoSided;

    boolean hasPoints() {
        return points != null && !points.isEmpty();
    }

    boolean hasRange() {
        return lower != null || upper != null;
    }

    /** True when lower and upper bounds lie in one type bracket (or only one is set). */
    boolean rangeConsistent() {
        return lower == null || upper == null || KeyEncoder.tag(lower) == KeyEncoder.tag(upper);
    }

    void addLower(BsonValue v, boolean inclusive) {
        if (lower == null) {
            lower = v;
            lowerInclusive = inclusive;
            twoSided |= upper != null;
        }
    }

    void addUpper(BsonValue v, boolean inclusive) {
        if (upper == null) {
            upper = v;
            upperInclusive = inclusive;
            twoSided |= lower != null;
        }
    }
}
