package io.jmongos.router.shardsvr;

import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A database's version, MongoDB's {@code DatabaseVersion} ({@code src/mongo/s/database_version.idl}):
 * {@code {uuid: <UUID>, timestamp: <Timestamp>, lastMod: <int>}}, as kept in {@code config.databases.version} and
 * attached by routers as {@code databaseVersion} to every command they send to a database's primary shard. A new
 * uuid and timestamp mean a new incarnation of the database; {@code lastMod} grows with each movePrimary.
 */
public record DatabaseVersion(UUID uuid, BsonTimestamp timestamp, int lastMod) {
    /** Parse {@code {uuid, timestamp, lastMod}}; 9 FailedToParse naming the field that is missing or wrong. */
    public static DatabaseVersion parse(String field, BsonValue value) {
        if (value == null || !value.isDocument()) {
            throw bad(field, "must be an object {uuid, timestamp, lastMod}");
        }
        BsonDocument d = value.asDocument();
        BsonValue uuid = d.get("uuid");
        if (uuid == null || !uuid.isBinary() || uuid.asBinary().getData().length != 16) {
            throw bad(field + ".uuid", "must be a UUID");
        }
        BsonValue ts = d.get("timestamp");
        if (ts == null || !ts.isTimestamp()) {
            throw bad(field + ".timestamp", "must be a Timestamp");
        }
        BsonValue lastMod = d.get("lastMod");
        if (lastMod == null || !lastMod.isInt32() && !lastMod.isInt64()) {
            throw bad(field + ".lastMod", "must be an int");
        }
        long lm = lastMod.asNumber().longValue();
        if (lm < 0 || lm > Integer.MAX_VALUE) {
            throw bad(field + ".lastMod", "is out of range");
        }
        return new DatabaseVersion(uuid.asBinary().asUuid(UuidRepresentation.STANDARD), ts.asTimestamp(), (int) lm);
    }

    private static CommandFailedException bad(String field, String why) {
        return new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "BSON field '" + field + "' " + why);
    }

    public BsonDocument toBson() {
        return new BsonDocument("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD))
                .append("timestamp", timestamp)
                .append("lastMod", new BsonInt32(lastMod));
    }
}
