package io.jmongos.router.auth;

import java.util.List;
import java.util.function.BiFunction;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** A command of the auth package: a name, its spec (never in a transaction, arguments redacted) and a body. */
final class AuthCommand implements CommandHandler {
    /** What authentication and user commands declare: no user data, no transaction, redacted (passwords). */
    static final CommandSpec SPEC = new CommandSpec(false, false, false, false, true);

    private final String name;
    private final List<String> aliases;
    private final BiFunction<CommandContext, BsonDocument, BsonDocument> body;

    AuthCommand(String name, BiFunction<CommandContext, BsonDocument, BsonDocument> body, String... aliases) {
        this.name = name;
        this.body = body;
        this.aliases = List.of(aliases);
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
        return SPEC;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        return body.apply(ctx, command);
    }
}
