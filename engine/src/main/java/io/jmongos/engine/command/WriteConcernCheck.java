package io.jmongos.engine.command;

import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The shard has one data-bearing node: a write concern asking for more ({@code w > 1}) or for an unknown
 * tag set is applied but reported unsatisfied with a {@code writeConcernError}, as a one-node replica set does.
 */
final class WriteConcernCheck {
    /** MongoDB's code when w exceeds the data-bearing nodes (ErrorCodes::UnsatisfiableWriteConcern). */
    static final int UNSATISFIABLE_WRITE_CONCERN = 100;
    /** MongoDB's code for a w tag set the replica set does not define (ErrorCodes::UnknownReplWriteConcern). */
    static final int UNKNOWN_REPL_WRITE_CONCERN = 79;
    /** Data-bearing members of the embedded shard's (virtual) replica set. */
    static final int DATA_BEARING_NODES = 1;
    /** DDL commands that take a write concern. */
    private static final Set<String> DDL = Set.of("create", "drop", "dropDatabase", "createIndexes", "dropIndexes",
            "deleteIndexes");

    private WriteConcernCheck() {
    }

    static void apply(BsonDocument cmd, TxnRole role, BsonDocument reply) {
        boolean takesWriteConcern = role == TxnRole.RETRYABLE_WRITE || DDL.contains(cmd.getFirstKey())
                || cmd.getFirstKey().equals("commitTransaction") || cmd.getFirstKey().equals("abortTransaction");
        BsonValue wc = cmd.get("writeConcern");
        if (!takesWriteConcern || wc == null || !wc.isDocument() || reply.get("ok").asNumber().intValue() != 1) {
            return;
        }
        BsonValue w = wc.asDocument().get("w");
        if (w != null && w.isNumber() && w.asNumber().intValue() > DATA_BEARING_NODES) {
            reply.append("writeConcernError", error(UNSATISFIABLE_WRITE_CONCERN, "UnsatisfiableWriteConcern",
                    "Not enough data-bearing nodes"));
        } else if (w != null && w.isString() && !w.asString().getValue().equals("majority")) {
            reply.append("writeConcernError", error(UNKNOWN_REPL_WRITE_CONCERN, "UnknownReplWriteConcern",
                    "No write concern mode named '" + w.asString().getValue()
                            + "' found in replica set configuration"));
        }
    }

    private static BsonDocument error(int code, String name, String msg) {
        return new BsonDocument("code", new BsonInt32(code)).append("codeName", new BsonString(name))
                .append("errmsg", new BsonString(msg));
    }
}
