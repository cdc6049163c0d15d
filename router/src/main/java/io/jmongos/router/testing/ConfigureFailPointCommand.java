package io.jmongos.router.testing;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code configureFailPoint: <name>, mode, data}: sets a fail point (test command, registered only with
 * {@code enableTestCommands=1}). Replies {@code {count: n}}, the number of times it fired before.
 */
final class ConfigureFailPointCommand implements CommandHandler {
    static final String NAME = "configureFailPoint";

    private final FailPointRegistry registry;

    ConfigureFailPointCommand(FailPointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        if (!"admin".equals(ctx.db())) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    NAME + " may only be run against the admin database.");
        }
        BsonValue name = command.get(NAME);
        if (name == null || !name.isString()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "configureFailPoint must be a string");
        }
        FailPointMode mode = FailPointMode.parse(command.get("mode"));
        BsonValue data = command.get("data");
        if (data != null && !data.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "the 'data' field must be an object");
        }
        FailPoint fp = registry.get(name.asString().getValue());
        long before = fp.configure(mode, data == null ? null : data.asDocument().clone());
        return new BsonDocument("count", new BsonInt64(before));
    }
}
