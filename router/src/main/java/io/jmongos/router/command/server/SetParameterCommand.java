package io.jmongos.router.command.server;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.GenericArguments;
import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * {@code setParameter}: {@code {setParameter: 1, name: value}} changes a runtime-settable parameter and
 * answers {@code was} (the previous value). Messages and codes are MongoDB's.
 */
public final class SetParameterCommand implements CommandHandler {
    @Override
    public String name() {
        return "setParameter";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        ServerParameters params = ctx.services().parameters();
        BsonDocument reply = new BsonDocument();
        int set = 0;
        for (Map.Entry<String, BsonValue> e : command.entrySet()) {
            String p = e.getKey();
            if (p.equals(name()) || GenericArguments.isGeneric(p)) {
                continue;
            }
            ServerParameter def = params.definition(p);
            if (def == null) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "attempted to set unrecognized parameter [" + p + "], use help:true to see options ");
            }
            if (!def.settableAtRuntime()) {
                throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                        "not allowed to change [" + p + "] at runtime; it can only be set at startup "
                                + "(--setParameter " + p + "=<value> or the config file)");
            }
            BsonValue was = params.get(p);
            params.set(p, e.getValue(), false);
            if (set++ == 0) {
                reply.append("was", was);
            }
        }
        if (set == 0) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "no option found to set, use help:true to see options ");
        }
        return reply;
    }
}
