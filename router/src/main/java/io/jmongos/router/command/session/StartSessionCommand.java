package io.jmongos.router.command.session;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.session.SessionParameters;

/** {@code startSession}: a new session id (UUID, binary subtype 4) and the session timeout in minutes. */
public final class StartSessionCommand implements CommandHandler {

    @Override
    public String name() {
        return "startSession";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        LogicalSessionId lsid = LogicalSessionId.random();
        ctx.services().sessions().cache().vivify(lsid, ClientInfo.of(ctx.connection()));
        return new BsonDocument("id", lsid.toBson()).append("timeoutMinutes",
                new BsonInt32(ctx.services().parameters()
                        .getInt(SessionParameters.LOGICAL_SESSION_TIMEOUT_MINUTES)));
    }
}
