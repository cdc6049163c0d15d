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
import io.jmongos.router.routing.ShardBroadcast;

/**
 * {@code dbStats} on a cluster router, as mongos answers it: the command goes to every shard (not the config server)
 * and {@link DbStatsMerge} adds up their answers, keeping each under {@code raw}. {@code scale} must be greater than
 * zero (its integer part is used); the shards scale their own figures.
 */
final class ClusterDbStatsCommand implements CommandHandler {
    @Override
    public String name() {
        return "dbStats";
    }

    @Override
    public List<String> aliases() {
        return List.of("dbstats");
    }

    @Override
    public CommandSpec spec() {
        return ClusterListDatabasesCommand.SPEC;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        long scale = scale(command.get("scale"));
        DbStatsMerge merge = new DbStatsMerge();
        ShardBroadcast broadcast = new ShardBroadcast(ctx.services().shards(), ctx.services().sender());
        for (ShardBroadcast.Answer a : broadcast.toAllShards(ctx.db(), command)) {
            CommandFailedException e = a.error();
            if (e == null) {
                merge.ok(a.host(), a.reply().bodyOrThrow());
            } else {
                merge.failed(a.host(), e);
            }
        }
        return merge.reply(ctx.db(), scale, CommandArgs.optionalBool(command, "freeStorage"));
    }

    /** The scale factor: 1 by default, else the integer part of a number greater than zero. */
    static long scale(BsonValue v) {
        if (v == null) {
            return 1;
        }
        if (!v.isNumber()) {
            throw CommandArgs.wrongType("dbStats", "scale", v, "long");
        }
        long scale = (long) v.asNumber().doubleValue();
        if (scale <= 0) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Scale must be greater than zero");
        }
        return scale;
    }
}
