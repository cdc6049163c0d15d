package io.jmongos.router.command.data;

import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * A data or DDL command that the database's primary shard answers in full (insert, update, distinct, create ...),
 * sent through the router's request sender; a shard error reply is raised for the session layer to act on.
 */
public final class ForwardingCommand implements CommandHandler {
    private final String name;
    private final List<String> aliases;
    private final CommandSpec spec;
    private final boolean creates;

    /**
     * @param creates the command creates the database when it does not exist yet (writes, create, createIndexes);
     *                reads and drops never do
     */
    public ForwardingCommand(String name, List<String> aliases, CommandSpec spec, boolean creates) {
        this.name = name;
        this.aliases = aliases;
        this.spec = spec;
        this.creates = creates;
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
        return ctx.services().sender().toPrimary(ctx.db(), command, creates).bodyOrThrow();
    }
}
