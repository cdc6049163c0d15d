package io.jmongos.router.command.passthrough;

import java.util.Set;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * A temporary handler for a data command: forwards it to the primary shard and relays the shard's reply
 * unchanged (errors included, as {@code ok: 0} documents). Router-level generic fields (sessions,
 * cluster time, read preference) are not forwarded. The sessions/cursors service replaces these handlers
 * with real ones through {@code CommandRegistry.replace}.
 */
public final class PassThroughCommand implements CommandHandler {
    /** Fields the router consumes and does not forward to the shard as-is. */
    static final Set<String> ROUTER_FIELDS = Set.of("$db", "$clusterTime", "$readPreference", "lsid",
            "txnNumber", "autocommit", "startTransaction", "apiVersion", "apiStrict", "apiDeprecationErrors");

    private final String name;
    private final CommandSpec spec;

    public PassThroughCommand(String name, CommandSpec spec) {
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

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonDocument forwarded = new BsonDocument();
        command.forEach((k, v) -> {
            if (!ROUTER_FIELDS.contains(k)) {
                forwarded.put(k, v);
            }
        });
        return ctx.services().primaryShard().runCommand(ctx.db(), forwarded);
    }
}
