package io.jmongos.router.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;

/**
 * Applies the failCommand fail point (MongoDB's {@code CommandHelpers::evaluateFailCommandFailPoint}) to
 * every command but configureFailPoint: when the command is in {@code failCommands} (and the client's
 * {@code appName} matches, when given), it blocks for {@code blockTimeMS}, closes the connection without a
 * reply ({@code closeConnection}), fails with {@code errorCode} (and {@code errorLabels}, else the labels
 * mongos would give), or runs and then reports {@code writeConcernError}. Like mongos, it acts before the
 * session and transaction layer: an injected error neither starts, continues nor aborts a transaction.
 */
final class FailCommandInterceptor implements CommandInterceptor {
    /** MongoDB's errmsg for errors injected by failCommand (commands.cpp). */
    static final String MESSAGE = "Failing command via 'failCommand' failpoint";
    /** MongoDB's code when failCommand closes the connection (uassert 50985 in commands.cpp). */
    static final int CLOSED_CONNECTION_CODE = 50985;
    /** The most a fail point may block one command (MongoDB takes any int; this bounds a test mistake). */
    static final long MAX_BLOCK_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final FailPointRegistry registry;

    FailCommandInterceptor(FailPointRegistry registry) {
        this.registry = registry;
    }

    /** While the fail point is on, every command runs on a worker: it may block ({@code blockConnection}). */
    @Override
    public boolean allowsInline(CommandHandler handler, BsonDocument command) {
        FailPoint fp = registry.peek(FailPointRegistry.FAIL_COMMAND);
        return fp == null || !fp.active();
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next) {
        FailPoint fp = registry.peek(FailPointRegistry.FAIL_COMMAND);
        if (fp == null || !fp.active() || ConfigureFailPointCommand.NAME.equals(handler.name())) {
            return next.proceed(ctx, command);
        }
        String sentName = command.isEmpty() ? "" : command.getFirstKey();
        BsonDocument data = fp.evaluate(d -> FailCommandMatch.applies(d, sentName, handler.name(), ctx, command));
        if (data == null) {
            return next.proceed(ctx, command);
        }
        if (FailCommandMatch.bool(data, "blockConnection")) {
            block(data);
        }
        if (FailCommandMatch.bool(data, "closeConnection")) {
            ctx.connection().closeNow();
            throw new FailCommandException(CLOSED_CONNECTION_CODE, ErrorCode.nameOf(CLOSED_CONNECTION_CODE),
                    "Failing command due to 'failCommand' failpoint", List.of());
        }
        List<String> labels = labels(data);
        if (data.containsKey("errorCode")) {
            int code = data.getNumber("errorCode").intValue();
            throw new FailCommandException(code, ErrorCode.nameOf(code), MESSAGE,
                    labels != null ? labels : FailCommandLabels.forError(code, handler.name(), command));
        }
        BsonDocument reply = next.proceed(ctx, command);
        if (data.isDocument("writeConcernError")) {
            BsonDocument copy = new BsonDocument();
            if (reply != null) {
                copy.putAll(reply);
            }
            copy.put("writeConcernError", data.getDocument("writeConcernError").clone());
            if (labels != null && !labels.isEmpty()) {
                BsonArray arr = new BsonArray();
                labels.forEach(l -> arr.add(new BsonString(l)));
                copy.put("errorLabels", arr);
            }
            return copy;
        }
        return reply;
    }

    private static void block(BsonDocument data) {
        BsonValue ms = data.get("blockTimeMS");
        long millis = ms != null && ms.isNumber() ? Math.min(Math.max(0, ms.asNumber().longValue()), MAX_BLOCK_MILLIS)
                : 0;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fail point's errorLabels, or null when it names none (then the server's own labels apply). */
    private static List<String> labels(BsonDocument data) {
        if (!data.isArray("errorLabels")) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        data.getArray("errorLabels").forEach(v -> {
            if (v.isString()) {
                labels.add(v.asString().getValue());
            }
        });
        return labels;
    }
}
