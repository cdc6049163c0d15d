package io.jmongos.engine.query;

import java.util.List;
import java.util.TreeSet;

import org.bson.BsonValue;

/** {@code $in}: equal to one of the values (null also matches missing) or matched by one of the regexes. */
final class InPredicate implements ValuePredicate {
    private final TreeSet<BsonValue> values = new TreeSet<>(BsonValueComparator.INSTANCE);
    private final List<RegexPredicate> regexes;
    private final boolean hasNull;

    InPredicate(List<BsonValue> equalities, List<RegexPredicate> regexes) {
        this.values.addAll(equalities);
        this.regexes = List.copyOf(regexes);
        this.hasNull = equalities.stream().anyMatch(BsonValue::isNull);
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return hasNull;
        }
        if (values.contains(value)) {
            return true;
        }
        for (RegexPredicate r : regexes) {
            if (r.test(value, details)) {
                return true;
            }
        }
        return false;
    }
}
