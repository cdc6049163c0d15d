package io.jmongos.router.shardsvr;

import java.util.function.Supplier;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;

/**
 * A shard's reads of the cluster metadata, sent to the config server through a {@link Shard} (a remote shard over
 * the wire in a cluster; an in-process shard in tests): today one {@code find} on {@code config.databases}.
 */
public final class ConfigServerClient {
    /** The config server's metadata database and collection (MongoDB's names). */
    static final String CONFIG_DB = "config";
    static final String DATABASES = "databases";

    private final Supplier<Shard> configServer;

    /** @param configServer the config server, asked for at each read (so it may be connected lazily) */
    public ConfigServerClient(Supplier<Shard> configServer) {
        this.configServer = configServer;
    }

    /**
     * The placement of {@code db} as {@code config.databases} has it, or null when the database is not there.
     *
     * @throws CommandFailedException the config server's error, or 6 HostUnreachable when it cannot be reached
     */
    public DatabasePlacement database(String db) {
        BsonDocument find = new BsonDocument("find", new BsonString(DATABASES))
                .append("filter", new BsonDocument("_id", new BsonString(db)))
                .append("limit", new BsonInt32(1))
                .append("singleBatch", BsonBoolean.TRUE);
        Shard shard = configServer.get();
        if (shard == null) {
            throw new CommandFailedException(ErrorCode.HOST_UNREACHABLE,
                    "no config server to refresh the version of database " + db + " from");
        }
        BsonDocument reply = shard.runCommand(CONFIG_DB, find);
        if (!isOk(reply)) {
            throw CommandFailedException.fromReply(reply);
        }
        BsonArray batch = reply.getDocument("cursor").getArray("firstBatch");
        if (batch.isEmpty()) {
            return null;
        }
        BsonDocument entry = batch.get(0).asDocument();
        BsonValue primary = entry.get("primary");
        if (primary == null || !primary.isString()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "config.databases entry of " + db
                    + " has no primary shard name");
        }
        return new DatabasePlacement(db, primary.asString().getValue(),
                DatabaseVersion.parse("config.databases.version", entry.get("version")));
    }

    private static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1;
    }
}
