package io.jmongos.router.command.server;

import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * {@code getParameter}: {@code {getParameter: 1, name: 1}} for named parameters, {@code getParameter: "*"}
 * or {@code {allParameters: true}} for all, {@code {showDetails: true}} for value plus settability.
 */
public final class GetParameterCommand implements CommandHandler {
    @Override
    public String name() {
        return "getParameter";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        BsonValue arg = command.get(name());
        boolean all = arg.isString() && "*".equals(arg.asString().getValue());
        boolean details = false;
        if (arg.isDocument()) {
            all = HelloCommand.isTrue(arg.asDocument().get("allParameters"));
            details = HelloCommand.isTrue(arg.asDocument().get("showDetails"));
        }
        ServerParameters params = ctx.services().parameters();
        BsonDocument reply = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : params.snapshot().entrySet()) {
            if (!all && !command.containsKey(e.getKey())) {
                continue;
            }
            if (details) {
                ServerParameter def = params.definition(e.getKey());
                reply.append(e.getKey(), new BsonDocument("value", e.getValue())
                        .append("settableAtRuntime", BsonBoolean.valueOf(def.settableAtRuntime()))
                        .append("settableAtStartup", BsonBoolean.valueOf(def.settableAtStartup())));
            } else {
                reply.append(e.getKey(), e.getValue());
            }
        }
        if (reply.isEmpty()) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "no option found to get");
        }
        return reply;
    }
}
