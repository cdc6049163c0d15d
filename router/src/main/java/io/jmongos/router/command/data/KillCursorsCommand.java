package io.jmongos.router.command.data;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code killCursors}: kills router cursors (and their shard cursors) of one namespace. */
public final class KillCursorsCommand implements CommandHandler {
    @Override
    public String name() {
        return "killCursors";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.READ;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        String collection = CommandArgs.requiredString(command, name(), name());
        BsonValue ids = CommandArgs.required(command, name(), "cursors");
        if (!ids.isArray()) {
            throw CommandArgs.wrongType(name(), "cursors", ids, "array");
        }
        String ns = ctx.db() + "." + collection;
        BsonArray killed = new BsonArray();
        BsonArray notFound = new BsonArray();
        for (BsonValue v : ids.asArray()) {
            if (!v.isInt64() && !v.isInt32()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field 'killCursors.cursors' is the "
                        + "wrong type, expected type 'long'");
            }
            long id = v.asNumber().longValue();
            (ctx.services().cursors().kill(id, ns) ? killed : notFound).add(new BsonInt64(id));
        }
        return new BsonDocument("cursorsKilled", killed).append("cursorsNotFound", notFound)
                .append("cursorsAlive", new BsonArray()).append("cursorsUnknown", new BsonArray());
    }
}
