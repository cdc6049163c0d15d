package io.jmongos.engine.query;

import java.util.EnumSet;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonType;
import org.bson.BsonValue;

/** {@code $type}: the value's BSON type is one of a set ("number" = every numeric type). */
final class TypePredicate implements ValuePredicate {
    private final Set<BsonType> types = EnumSet.noneOf(BsonType.class);

    TypePredicate(BsonValue spec) {
        if (spec.isArray()) {
            for (BsonValue v : spec.asArray()) {
                add(v);
            }
        } else {
            add(spec);
        }
    }

    private void add(BsonValue spec) {
        if (spec.isArray() || spec.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                    "type must be represented as a number or a string");
        }
        BsonType t = BsonTypeAliases.resolve(spec);
        if (t == null) {
            types.addAll(EnumSet.of(BsonType.INT32, BsonType.INT64, BsonType.DOUBLE, BsonType.DECIMAL128));
        } else {
            types.add(t);
        }
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        return value != null && types.contains(value.getBsonType());
    }
}
