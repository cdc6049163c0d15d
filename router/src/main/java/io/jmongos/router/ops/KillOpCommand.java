package io.jmongos.router.ops;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.shard.Shard;

/**
 * {@code killOp: 1, op: <opid>}: marks a router operation killed (it ends with Interrupted). An op id of the
 * form {@code "<shard>:<opid>"} is passed to that shard, as mongos does.
 */
public final class KillOpCommand implements CommandHandler {
    private final OperationRegistry registry;

    public KillOpCommand(OperationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "killOp";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        BsonValue op = command.get("op");
        if (op == null) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Did not provide \"op\" field");
        }
        if (op.isString()) {
            String s = op.asString().getValue();
            int colon = s.indexOf(':');
            if (colon <= 0 || !ctx.services().shards().contains(s.substring(0, colon))) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "Invalid op : " + s
                        + ". Op ID must be of the form shard:opid or an integer");
            }
            int shardOp = parseOpId(s.substring(colon + 1));
            Shard shard = ctx.services().shards().get(s.substring(0, colon));
            shard.run("admin", new BsonDocument("killOp", new BsonInt32(1))
                    .append("op", new BsonInt32(shardOp)));
        } else if (op.isNumber()) {
            double d = op.asNumber().doubleValue();
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "invalid op id: " + op);
            }
            registry.kill((int) d);
        } else {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "op must be a number or a string");
        }
        return new BsonDocument("info", new BsonString("attempting to kill op"));
    }

    private static int parseOpId(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Invalid op id: " + s);
        }
    }
}
