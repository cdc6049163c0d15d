package io.jmongos.engine.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A predicate on the values a field path reaches ({@code {"a.b": {$gt: 1}}}): true when any reached value
 * satisfies it. With {@code leafTraversal} an array at the end of the path offers its elements and then
 * itself; without ({@code $size}, {@code $elemMatch}) only itself. Records the array position of the
 * matching value in the match details.
 */
final class PathNode implements MatchNode {
    private final FieldPath path;
    private final String[] parts;
    private final ValuePredicate predicate;
    private final boolean leafTraversal;

    PathNode(FieldPath path, ValuePredicate predicate, boolean leafTraversal) {
        this.path = path;
        this.parts = path.parts().toArray(new String[0]);
        this.predicate = predicate;
        this.leafTraversal = leafTraversal;
    }

    FieldPath path() {
        return path;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return PathIterator.anyMatch(document, parts, leafTraversal, (value, arrayOffset) -> {
            if (!predicate.test(value, details)) {
                return false;
            }
            if (details != null && arrayOffset != null) {
                details.setElemMatchKey(arrayOffset);
            }
            return true;
        });
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        return predicate.test(value, details);
    }
}
