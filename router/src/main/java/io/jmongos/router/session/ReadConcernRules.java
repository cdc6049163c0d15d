package io.jmongos.router.session;

import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * Which commands accept which readConcern outside a transaction: level "snapshot" only on find, aggregate and
 * distinct (MongoDB 5.0+), every other command refuses it with InvalidOptions, as mongos does.
 */
final class ReadConcernRules {
    /** Commands that take readConcern {level: "snapshot"} outside a transaction (MongoDB 5.0 snapshot reads). */
    static final Set<String> SNAPSHOT_OUTSIDE_TRANSACTION = Set.of("find", "aggregate", "distinct");

    private ReadConcernRules() {
    }

    static void check(String commandName, BsonDocument command, OperationSessionInfo osi) {
        if (osi.inTransaction()) {
            return;
        }
        BsonValue rc = command.get("readConcern");
        if (rc == null || !rc.isDocument()) {
            return;
        }
        BsonValue level = rc.asDocument().get("level");
        if (level != null && level.isString() && level.asString().getValue().equals("snapshot")
                && !SNAPSHOT_OUTSIDE_TRANSACTION.contains(commandName)) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Command " + commandName
                    + " does not support { readConcern: { level: \"snapshot\" } } outside of a transaction");
        }
    }
}
