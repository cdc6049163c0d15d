package io.jmongos.router.command.session;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code killAllSessions: [{user, db}...]}: kills the sessions of the listed users; an empty array kills
 * all sessions. jmongos keeps no session owners, so any list kills every session, on the router and then on every
 * shard ({@link SessionKillBroadcast}, pattern {@code {}}).
 */
public final class KillAllSessionsCommand implements CommandHandler {

    @Override
    public String name() {
        return "killAllSessions";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonValue users = CommandArgs.required(command, name(), name());
        if (!users.isArray()) {
            throw CommandArgs.wrongType(name(), name(), users, "array");
        }
        ctx.services().sessions().endAllSessions(ErrorCode.INTERRUPTED.codeName());
        SessionKillBroadcast.send(ctx.services(), SessionKillBroadcast.all());
        return new BsonDocument();
    }
}
