package io.jmongos.router.ops;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.session.BsonTypeNames;

/**
 * The options of the {@code $currentOp} stage, with MongoDB's defaults (idleSessions true, the rest false).
 * With auth off allUsers changes nothing. localOps: on a cluster router, false (the default) reports every shard's
 * operations and true the router's own, as mongos; the single process reports its own either way (its embedded
 * shard has no operations of its own).
 */
public record CurrentOpOptions(boolean allUsers, boolean idleConnections, boolean idleCursors, boolean idleSessions,
                               boolean localOps, boolean truncateOps) {
    public static CurrentOpOptions parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw failed("$currentOp options must be specified in an object, but found: "
                    + BsonTypeNames.of(spec));
        }
        boolean allUsers = false;
        boolean idleConnections = false;
        boolean idleCursors = false;
        boolean idleSessions = true;
        boolean localOps = false;
        boolean truncateOps = false;
        for (var e : spec.asDocument().entrySet()) {
            String k = e.getKey();
            switch (k) {
                case "allUsers" -> allUsers = bool(k, e.getValue());
                case "idleConnections" -> idleConnections = bool(k, e.getValue());
                case "idleCursors" -> idleCursors = bool(k, e.getValue());
                case "idleSessions" -> idleSessions = bool(k, e.getValue());
                case "localOps" -> localOps = bool(k, e.getValue());
                case "truncateOps" -> truncateOps = bool(k, e.getValue());
                case "backtrace", "targetAllNodes" -> bool(k, e.getValue());
                default -> throw failed("Unrecognized option '" + k + "' in $currentOp stage.");
            }
        }
        return new CurrentOpOptions(allUsers, idleConnections, idleCursors, idleSessions, localOps, truncateOps);
    }

    /** The options the currentOp command uses: {@code $all} brings in idle connections, sessions and cursors. */
    public static CurrentOpOptions forCommand(boolean all, boolean ownOps) {
        return new CurrentOpOptions(!ownOps, all, all, all, true, true);
    }

    /** The options as a {@code $currentOp} stage spells them, without {@code localOps} (what a router sends shards). */
    public BsonDocument toSpec() {
        return new BsonDocument("allUsers", BsonBoolean.valueOf(allUsers))
                .append("idleConnections", BsonBoolean.valueOf(idleConnections))
                .append("idleCursors", BsonBoolean.valueOf(idleCursors))
                .append("idleSessions", BsonBoolean.valueOf(idleSessions))
                .append("truncateOps", BsonBoolean.valueOf(truncateOps));
    }

    private static boolean bool(String field, BsonValue v) {
        if (!v.isBoolean()) {
            throw failed("The '" + field + "' parameter of the $currentOp stage must be a boolean value, but found: "
                    + BsonTypeNames.of(v));
        }
        return v.asBoolean().getValue();
    }

    private static CommandFailedException failed(String msg) {
        return new CommandFailedException(ErrorCode.FAILED_TO_PARSE, msg);
    }
}
