package io.jmongos.engine.query;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;

/** A compiled find projection. (API placeholder; the full implementation follows.) */
public final class Projection {
    private final BsonDocument spec;

    private Projection(BsonDocument spec) {
        this.spec = spec;
    }

    /** Compiles a projection; {@code null} or empty means "whole document". */
    public static Projection compile(BsonDocument spec) {
        return new Projection(spec == null ? new BsonDocument() : spec);
    }

    /** True for inclusion projections (only listed fields, plus _id unless excluded). */
    public boolean isInclusion() {
        return false;
    }

    /** Projects one document; details carry the positional match for {@code a.$} (may be null). */
    public BsonDocument apply(BsonDocument doc, MatchDetails details) {
        if (spec.isEmpty()) {
            return doc;
        }
        throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "projection not implemented yet");
    }
}
