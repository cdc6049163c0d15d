package io.jmongos.router.command.server;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.log.RamLog;

/** {@code getLog}: {@code "*"} lists the logs; {@code "global"}/{@code "startupWarnings"} return recent lines. */
public final class GetLogCommand implements CommandHandler {
    @Override
    public String name() {
        return "getLog";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        if (!command.isString(name())) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                    "Argument to getLog must be of type String; found " + command.get(name()).getBsonType());
        }
        String which = command.getString(name()).getValue();
        RamLog log = switch (which) {
            case "*" -> null;
            case "global" -> RamLog.global();
            case "startupWarnings" -> RamLog.startupWarnings();
            default -> throw new CommandFailedException(ErrorCode.OPERATION_FAILED, "No log named '" + which + "'");
        };
        if (log == null) {
            return new BsonDocument("names", new BsonArray(java.util.List.of(new BsonString("global"),
                    new BsonString("startupWarnings"))));
        }
        BsonArray lines = new BsonArray();
        log.lines().forEach(l -> lines.add(new BsonString(l)));
        return new BsonDocument("totalLinesWritten", new BsonInt64(log.totalLinesWritten())).append("log", lines);
    }
}
