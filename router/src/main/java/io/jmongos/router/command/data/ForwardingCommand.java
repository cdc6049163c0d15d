package io.jmongos.router.command.data;

import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** A data or DDL command that the primary shard answers in full (insert, update, distinct, create ...). */
public final class ForwardingCommand implements CommandHandler {
    private final String name;
    private final List<String> aliases;
    private final CommandSpec spec;

    public ForwardingCommand(String name, List<String> aliases, CommandSpec spec) {
        this.name = name;
        this.aliases = aliases;
        this.spec = spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        return ShardForwarding.run(ctx, command);
    }
}
