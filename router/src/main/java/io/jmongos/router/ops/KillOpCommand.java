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
    /** mongos's uassert for an op string that is not "shard:opid". */
    static final int MALFORMED_SHARD_OP = 28625;
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
            return killOnShard(ctx, op.asString().getValue());
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

    /**
     * mongos's {@code "<shard>:<opid>"}: 28625 unless it has that form, ShardNotFound (70) for an unknown shard,
     * FailedToParse for an opid that is not a number; the shard is sent {@code {killOp: 1, op: opid}}, its answer
     * ignored, and the reply names the shard and the opid ({@code shard}, {@code shardid}), as mongos's.
     */
    private static BsonDocument killOnShard(CommandContext ctx, String opToKill) {
        int sep = opToKill.indexOf(':');
        if (opToKill.length() < 3 || sep <= 0 || sep == opToKill.length() - 1) {
            throw new CommandFailedException(MALFORMED_SHARD_OP, ErrorCode.nameOf(MALFORMED_SHARD_OP),
                    "The op argument to killOp must be of the format shardid:opid but found \"" + opToKill + "\"");
        }
        String shardName = opToKill.substring(0, sep);
        Shard shard = ctx.services().shards().contains(shardName) ? ctx.services().shards().get(shardName)
                : ctx.services().shards().refreshed().stream().filter(s -> s.name().equals(shardName)).findFirst()
                        .orElseThrow(() -> new CommandFailedException(ErrorCode.SHARD_NOT_FOUND,
                                "Shard " + shardName + " not found"));
        int opId = parseOpId(opToKill.substring(sep + 1));
        try {
            shard.run("admin", new BsonDocument("killOp", new BsonInt32(1)).append("op", new BsonInt32(opId)));
        } catch (CommandFailedException e) {
            // mongos ignores the shard's answer: killOp reports success once it is past its checks
        }
        return new BsonDocument("shard", new BsonString(shardName)).append("shardid", new BsonInt32(opId));
    }

    private static int parseOpId(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "Invalid opid: " + s);
        }
    }
}
