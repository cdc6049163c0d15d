package io.jmongos.router.cluster;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code dropDatabase: 1} on a cluster router, with mongos's refusals ({@code cluster_drop_database_cmd.cpp}): 20
 * "Cannot drop the config database" / "Cannot drop the admin database", 2 "Must pass 1 as the 'dropDatabase'
 * parameter"; a database the cluster does not have is dropped successfully. The drop itself is {@link DatabaseDrop}.
 * The reply is mongos 7.0+'s: {@code {ok: 1}} and nothing else.
 */
final class ClusterDropDatabaseCommand implements CommandHandler {
    private final ClusterContext cluster;

    ClusterDropDatabaseCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "dropDatabase";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        String db = ctx.db();
        if (db.equals("config")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "Cannot drop the config database");
        }
        if (db.equals("admin")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "Cannot drop the admin database");
        }
        BsonValue one = command.get(name());
        if (one == null || !one.isNumber() || one.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Must pass 1 as the 'dropDatabase' parameter");
        }
        new DatabaseDrop(cluster.catalog(), ctx.services().shards(), ctx.services().routing()).run(db);
        return new BsonDocument();
    }
}
