package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.GenericArguments;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code currentOp}: the {@code $currentOp} report as {@code {inprog: [...]}}; {@code $all} adds idle
 * connections, sessions and cursors; the other non-generic fields are a filter on the entries. On a cluster router
 * the entries are the shards', sorted by shard, as mongos's.
 */
public final class CurrentOpCommand implements CommandHandler {
    private static final Set<String> OWN_FIELDS = Set.of("currentOp", "$all", "$ownOps", "$truncateOps");


    @Override
    public String name() {
        return "currentOp";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        CurrentOpOptions options = CurrentOpOptions.forCommand(CommandArgs.optionalBool(command, "$all"),
                CommandArgs.optionalBool(command, "$ownOps"));
        BsonDocument filter = new BsonDocument();
        for (var e : command.entrySet()) {
            if (!OWN_FIELDS.contains(e.getKey()) && !GenericArguments.isGeneric(e.getKey())) {
                filter.put(e.getKey(), e.getValue());
            }
        }
        List<BsonValue> stages = new ArrayList<>();
        if (!filter.isEmpty()) {
            stages.add(new BsonDocument("$match", filter));
        }
        List<BsonDocument> report;
        if (ctx.services().shards().followsConfigServer()) {
            // mongos's currentOp: the shards' operations, then {$sort: {shard: 1}} (cluster_current_op.cpp)
            report = ShardOperations.report(ctx.services(), options.toSpec());
            stages.add(new BsonDocument("$sort", new BsonDocument(ShardOperations.SHARD_FIELD, new BsonInt32(1))));
        } else {
            report = new CurrentOpReporter(ctx.services()).report(options);
        }
        return new BsonDocument("inprog", new BsonArray(List.copyOf(PipelineTail.apply(report, stages,
                "$currentOp"))));
    }
}
