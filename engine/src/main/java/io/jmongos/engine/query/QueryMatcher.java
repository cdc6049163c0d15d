package io.jmongos.engine.query;

import org.bson.BsonDocument;

/** A compiled query filter: does a document match? Compile with {@link QueryCompiler#compile}. */
public interface QueryMatcher {
    /**
     * @param details when not null, receives the position of the first array element that satisfied
     *                the filter (for positional {@code $} projection and update)
     */
    boolean matches(BsonDocument document, MatchDetails details);

    default boolean matches(BsonDocument document) {
        return matches(document, null);
    }
}
