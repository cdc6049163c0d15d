package io.jmongos.engine.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A node of a compiled filter (MongoDB's MatchExpression). A node answers for a whole document and, for the
 * nodes that can appear under {@code $elemMatch} on values or in {@code $pull} conditions, for one value.
 */
interface MatchNode extends QueryMatcher {
    /**
     * Does a single value (an array element, or a value reached by a path) satisfy this node, without any
     * path traversal? {@code value} is Java null for a missing value.
     */
    default boolean matchesValue(BsonValue value, MatchDetails details) {
        return false;
    }

    @Override
    boolean matches(BsonDocument document, MatchDetails details);
}
