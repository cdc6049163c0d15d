package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * A command a shard server hands to its engine as it came: session and transaction fields ({@code lsid},
 * {@code txnNumber}, {@code autocommit}, {@code startTransaction}) included, so the engine runs transactions and
 * keeps retryable-write records itself, as mongod does. Only {@code $db} (the database, passed apart) is dropped.
 */
final class EngineCommandHandler implements CommandHandler {
    private final String name;
    private final CommandSpec spec;

    EngineCommandHandler(String name, CommandSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    /** A point read the engine answers at once runs on the I/O thread, as on the router (Shard.answersAtOnce). */
    @Override
    public boolean runsInline(RouterServices services, BsonDocument command) {
        BsonValue db = command.get("$db");
        return db != null && db.isString() && ShardServerModule.localShard(services)
                .answersAtOnce(db.asString().getValue(), withoutDb(command));
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        return ShardServerModule.localShard(ctx.services()).runCommand(ctx.db(), withoutDb(command));
    }

    static BsonDocument withoutDb(BsonDocument command) {
        if (!command.containsKey("$db")) {
            return command;
        }
        BsonDocument out = new BsonDocument();
        command.forEach((k, v) -> {
            if (!k.equals("$db")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
