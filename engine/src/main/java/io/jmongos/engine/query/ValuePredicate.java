package io.jmongos.engine.query;

import org.bson.BsonValue;

/** A test of one value reached by a path (MongoDB's matchesSingleElement). Null means "missing". */
@FunctionalInterface
interface ValuePredicate {
    boolean test(BsonValue value, MatchDetails details);
}
