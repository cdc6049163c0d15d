package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** The database named by a sharding command's first field ({@code {_flushDatabaseCacheUpdates: "db"}}). */
final class DatabaseArgument {
    private DatabaseArgument() {
    }

    static String of(BsonDocument command) {
        String name = command.getFirstKey();
        BsonValue v = command.get(name);
        if (!v.isString() || v.asString().getValue().isEmpty()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + name
                    + "' must be a database name (a non-empty string)");
        }
        return v.asString().getValue();
    }
}
