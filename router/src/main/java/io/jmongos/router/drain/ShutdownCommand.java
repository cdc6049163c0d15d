package io.jmongos.router.drain;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.health.OperatorParameters;

/**
 * {@code shutdown} (admin only): {@code {shutdown: 1, timeoutSecs: N, force: bool}}. Starts the graceful drain
 * in the background with {@code timeoutSecs} (mongos's default 15 s; {@code force: true} without timeoutSecs
 * drains for 0 s) and replies {@code ok: 1}; the drain then closes this connection with the others.
 */
public final class ShutdownCommand implements CommandHandler {
    /** Upper bound of timeoutSecs: one day (jmongos' own bound, as for the signalled drain). */
    static final long MAX_TIMEOUT_SECS = 86_400;

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        if (!"admin".equals(ctx.db())) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    "shutdown may only be run against the admin database.");
        }
        boolean force = command.isBoolean("force") && command.getBoolean("force").getValue();
        long timeoutMillis = force ? 0 : OperatorParameters.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;
        BsonValue t = command.get("timeoutSecs");
        if (t != null) {
            if (!t.isNumber()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                        "BSON field 'shutdown.timeoutSecs' is the wrong type, expected a number");
            }
            long secs = t.asNumber().longValue();
            if (secs < 0 || secs > MAX_TIMEOUT_SECS) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "timeoutSecs must be between 0 and " + MAX_TIMEOUT_SECS + ", got " + secs);
            }
            timeoutMillis = secs * 1000;
        }
        if (!ctx.services().health().requestShutdown(timeoutMillis)) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "shutdown is not available in this router");
        }
        return new BsonDocument();
    }
}
