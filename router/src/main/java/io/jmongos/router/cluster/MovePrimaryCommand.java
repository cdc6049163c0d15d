package io.jmongos.router.cluster;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code movePrimary: "<db>", to: "<shard>"} (admin; alias {@code moveprimary}), with MongoDB's checks
 * ({@code cluster_move_primary_cmd.cpp}, {@code shardsvr_move_primary_command.cpp},
 * {@code move_primary_coordinator.cpp}): an invalid name is 73 "invalid db name specified: X"; admin, config and
 * local are 72 "Can't move primary for X database"; an empty {@code to} is 72 "you have to specify where you want
 * to move it"; an unknown shard 70 "Requested primary shard X does not exist"; a database no one created 26
 * "database X not found". Moving to the shard that already is the primary succeeds without doing anything, as since
 * MongoDB 4.0 (mongos 3.x answered "it is already the primary" with ok: 0). The move itself is {@link PrimaryMove}.
 */
final class MovePrimaryCommand implements CommandHandler {
    /** MongoDB's limit on a database name's length (NamespaceString::MaxDatabaseNameLen): 63 bytes. */
    static final int MAX_DB_NAME_LENGTH = 63;
    /** Characters a database name may not hold ('$' is allowed here, as movePrimary's check allows it). */
    private static final String INVALID_DB_CHARS = "/\\. \"\0";

    private final ClusterContext cluster;

    MovePrimaryCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "movePrimary";
    }

    @Override
    public List<String> aliases() {
        return List.of("moveprimary");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        BsonValue target = command.get(command.getFirstKey());
        if (!target.isString()) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "'movePrimary' must be of type String");
        }
        String db = target.asString().getValue();
        String to = CommandArgs.requiredString(command, name(), "to");
        if (!validName(db)) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "invalid db name specified: " + db);
        }
        if (db.equals("admin") || db.equals("config") || db.equals("local")) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Can't move primary for " + db
                    + " database");
        }
        if (to.isEmpty()) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "you have to specify where you want to move it");
        }
        new PrimaryMove(cluster.catalog(), ctx.services().shards(), ctx.services().routing()).run(db, to);
        return new BsonDocument();
    }

    static boolean validName(String db) {
        if (db.isEmpty() || db.length() > MAX_DB_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < db.length(); i++) {
            if (INVALID_DB_CHARS.indexOf(db.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
