package io.jmongos.router.command.server;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code profile} as mongos has it: no profiler collection, so only level 0 or -1, used to read or change
 * {@code slowms} (the "Slow query" log threshold).
 */
public final class ProfileCommand implements CommandHandler {
    /** Largest slowms accepted: one day in milliseconds (an int in MongoDB too). */
    static final int MAX_SLOW_MS = 86_400_000;

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonValue level = command.get(name());
        if (!level.isNumber() || (level.asNumber().intValue() != 0 && level.asNumber().intValue() != -1)) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "Profiling is not permitted on mongos: profile level must be 0 or -1");
        }
        int was = ctx.services().slowMs();
        BsonValue slow = command.get("slowms");
        if (slow != null) {
            if (!slow.isNumber()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "slowms must be a number");
            }
            long ms = slow.asNumber().longValue();
            if (ms < 0 || ms > MAX_SLOW_MS) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "slowms must be between 0 and " + MAX_SLOW_MS + ", got " + ms);
            }
            ctx.services().setSlowMs((int) ms);
        }
        return new BsonDocument("was", new BsonInt32(0)).append("slowms", new BsonInt32(was))
                .append("sampleRate", new BsonDouble(1.0));
    }
}
