package io.jmongos.engine.command;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** A command's readConcern: its level and, for snapshot reads, {@code atClusterTime}. */
public record ReadConcern(String level, BsonTimestamp atClusterTime) {
    /** Read concern levels MongoDB knows. */
    static final Set<String> LEVELS = Set.of("local", "majority", "snapshot", "available", "linearizable");
    /** Commands that take readConcern snapshot outside a transaction (MongoDB 5.0+). */
    static final Set<String> SNAPSHOT_COMMANDS = Set.of("find", "aggregate", "distinct", "explain");

    public static ReadConcern of(BsonDocument cmd) {
        BsonValue v = cmd.get("readConcern");
        if (v == null || !v.isDocument()) {
            return new ReadConcern("local", null);
        }
        BsonDocument rc = v.asDocument();
        BsonValue level = rc.get("level");
        String l = level != null && level.isString() ? level.asString().getValue() : "local";
        if (!LEVELS.contains(l)) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "Enumeration value '" + l
                    + "' for field 'readConcern.level' is not a valid value.");
        }
        BsonValue at = rc.get("atClusterTime");
        if (at != null && !at.isTimestamp()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "atClusterTime must be a timestamp");
        }
        if (at != null && !l.equals("snapshot")) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "atClusterTime is only used with readConcern level snapshot");
        }
        return new ReadConcern(l, at == null ? null : at.asTimestamp());
    }

    public boolean snapshot() {
        return level.equals("snapshot");
    }

    /** Refuses readConcern snapshot outside a transaction for commands that cannot read at a snapshot. */
    static void checkOutsideTransaction(BsonDocument cmd) {
        ReadConcern rc = of(cmd);
        if (rc.snapshot() && !SNAPSHOT_COMMANDS.contains(cmd.getFirstKey())) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Command " + cmd.getFirstKey()
                    + " does not support { readConcern: { level: \"snapshot\" } } outside of a transaction");
        }
    }
}
