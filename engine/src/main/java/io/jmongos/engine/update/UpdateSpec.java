package io.jmongos.engine.update;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.MatchDetails;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A compiled update: operators, replacement or pipeline. (API placeholder; the full implementation follows.) */
public final class UpdateSpec {
    private final BsonValue update;

    private UpdateSpec(BsonValue update) {
        this.update = update;
    }

    /**
     * @param update       an update document (operators or replacement) or a pipeline array
     * @param arrayFilters the {@code arrayFilters} option, or null
     */
    public static UpdateSpec compile(BsonValue update, BsonArray arrayFilters) {
        return new UpdateSpec(update);
    }

    /** True when the update is a replacement document. */
    public boolean isReplacement() {
        return update.isDocument() && !update.asDocument().isEmpty()
                && !update.asDocument().getFirstKey().startsWith("$");
    }

    /**
     * Applies the update to a copy of {@code original}.
     *
     * @param details        the match details of the filter (positional $), may be null
     * @param isUpsertInsert true when {@code original} is an upsert seed being inserted ($setOnInsert applies)
     */
    public UpdateOutcome apply(BsonDocument original, MatchDetails details, boolean isUpsertInsert) {
        throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "update not implemented yet");
    }

    /** The document an upsert starts from: the equality fields of the filter. */
    public static BsonDocument upsertSeed(BsonDocument filter) {
        return new BsonDocument();
    }
}
