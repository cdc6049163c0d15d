package io.jmongos.engine.update;

import java.util.Map;

import io.jmongos.engine.query.QueryMatcher;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** What modifiers need while applying one update to one document. */
final class UpdateContext {
    final BsonDocument working;
    final String matchedKey;
    final Map<String, QueryMatcher> arrayFilters;
    final boolean upsertInsert;
    final BsonDateTime now;

    UpdateContext(BsonDocument working, String matchedKey, Map<String, QueryMatcher> arrayFilters,
                  boolean upsertInsert, BsonDateTime now) {
        this.working = working;
        this.matchedKey = matchedKey;
        this.arrayFilters = arrayFilters;
        this.upsertInsert = upsertInsert;
        this.now = now;
    }

    /** {@code {_id: ...}} as MongoDB prints it in error messages. */
    String idForMessage() {
        BsonValue id = working.get("_id");
        return id == null ? "{}" : "{" + BsonRender.element("_id", id) + "}";
    }
}
