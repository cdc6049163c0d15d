package io.jmongos.engine.query;

import org.bson.BsonDocument;

/** Compiles query filters. (Placeholder: top-level equality only, replaced by the full matcher.) */
public final class QueryCompiler {
    private QueryCompiler() {
    }

    /** @throws io.jmongos.common.CommandFailedException BadValue for malformed filters */
    public static QueryMatcher compile(BsonDocument filter) {
        return (doc, details) -> filter.entrySet().stream().allMatch(e -> e.getValue().equals(doc.get(e.getKey())));
    }
}
