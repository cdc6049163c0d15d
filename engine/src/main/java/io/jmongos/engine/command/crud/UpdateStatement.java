package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.update.UpdateSpec;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** One parsed statement of an update command: {q, u, upsert, multi, arrayFilters, hint}. */
record UpdateStatement(BsonDocument query, QueryMatcher matcher, UpdateSpec update, boolean upsert, boolean multi,
                       BsonValue hint) {
    /** MongoDB's IDL code for an unknown field. */
    static final int UNKNOWN_FIELD = 40415;

    /**
     * Checks a statement's shape before anything runs (MongoDB's IDL parse: a bad statement fails the whole
     * command): a document with q and u, and no field unknown to MongoDB 7.0 such as {@code sort} (8.0).
     */
    static void checkShape(BsonDocument cmd, BsonValue v) {
        if (!v.isDocument()) {
            throw CommandArgs.wrongType(cmd, "updates", v, "object");
        }
        BsonDocument s = v.asDocument();
        if (CommandArgs.document(s, "q", null) == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'update.updates.q' is missing but a required field");
        }
        BsonValue u = s.get("u");
        if (u == null || !u.isDocument() && !u.isArray()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'update.updates.u' is missing but a required field");
        }
        if (s.containsKey("sort")) {
            // updateOne/replaceOne sort came with MongoDB 8.0; jmongos reports 7.0 (wire version 21)
            throw new CommandFailedException(UNKNOWN_FIELD, "Location" + UNKNOWN_FIELD,
                    "BSON field 'update.updates.sort' is an unknown field.");
        }
    }

    /** Compiles a statement whose shape {@link #checkShape} accepted. */
    static UpdateStatement parse(BsonDocument cmd, BsonValue v, Variables vars) {
        BsonDocument s = v.asDocument();
        BsonDocument q = s.getDocument("q");
        BsonValue u = s.get("u");
        Collation.refuse(s);
        BsonValue filters = s.get("arrayFilters");
        BsonArray arrayFilters = filters != null && filters.isArray() ? filters.asArray() : null;
        UpdateSpec spec = UpdateSpec.compile(u, arrayFilters).withVariables(vars);
        boolean multi = CommandArgs.bool(s, "multi", false);
        if (multi && spec.isReplacement()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "multi update is not supported for replacement-style update");
        }
        return new UpdateStatement(q, QueryCompiler.compile(q, vars), spec, CommandArgs.bool(s, "upsert", false), multi,
                s.get("hint"));
    }
}
