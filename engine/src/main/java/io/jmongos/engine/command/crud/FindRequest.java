package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.QuerySupport;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A parsed find command (also the inner command of explain). */
public record FindRequest(Namespace ns, QuerySupport.Query query, long batchSize, boolean singleBatch) {
    /** MongoDB's code for a negative skip/limit/batchSize in find (the IDL validator's). */
    static final int NEGATIVE_VALUE = 51024;

    public static FindRequest parse(String db, BsonDocument cmd) {
        Namespace ns = CommandArgs.namespace(db, cmd);
        CommandArgs.refuse(cmd, "min", "min/max index bounds are not implemented");
        CommandArgs.refuse(cmd, "max", "min/max index bounds are not implemented");
        Collation.refuse(cmd);
        for (String flag : new String[] {"tailable", "awaitData", "returnKey", "showRecordId"}) {
            if (CommandArgs.bool(cmd, flag, false)) {
                throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "the '" + flag
                        + "' option of find is not supported by the jmongos embedded engine");
            }
        }
        BsonDocument filter = CommandArgs.document(cmd, "filter", new BsonDocument());
        BsonDocument sort = CommandArgs.document(cmd, "sort", null);
        BsonDocument projection = CommandArgs.document(cmd, "projection", null);
        BsonValue hint = cmd.get("hint");
        if (hint != null && !hint.isString() && !hint.isDocument()) {
            throw CommandArgs.wrongType(cmd, "hint", hint, "string, object");
        }
        long skip = nonNegative(cmd, "skip");
        long limit = CommandArgs.integer(cmd, "limit", 0);
        boolean singleBatch = CommandArgs.bool(cmd, "singleBatch", false);
        if (limit < 0) {
            // legacy negative limit: a single batch of |limit|
            limit = -limit;
            singleBatch = true;
        }
        long batchSize = CommandArgs.integer(cmd, "batchSize", -1);
        if (batchSize < -1 || cmd.containsKey("batchSize") && batchSize < 0) {
            throw new CommandFailedException(NEGATIVE_VALUE, "Location" + NEGATIVE_VALUE,
                    "BSON field 'batchSize' value must be >= 0, actual value '" + batchSize + "'");
        }
        return new FindRequest(ns, new QuerySupport.Query(filter, sort, skip, limit, projection, hint), batchSize,
                singleBatch);
    }

    private static long nonNegative(BsonDocument cmd, String field) {
        long v = CommandArgs.integer(cmd, field, 0);
        if (v < 0) {
            throw new CommandFailedException(NEGATIVE_VALUE, "Location" + NEGATIVE_VALUE,
                    "BSON field '" + field + "' value must be >= 0, actual value '" + v + "'");
        }
        return v;
    }
}
