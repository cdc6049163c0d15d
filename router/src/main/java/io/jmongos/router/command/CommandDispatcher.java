package io.jmongos.router.command;

import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * Runs one command: reads its name (first field) and database, applies the load-balancer handshake
 * rule, runs the interceptors then the handler, and turns every failure into
 * {@code {ok: 0, errmsg, code, codeName}} here and nowhere else. Netty-free; called on a worker thread.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /**
     * Replies MongoDB never compresses (MessageCompressorManager / the "isMaster"-family and
     * authentication commands listed in the OP_COMPRESSED specification).
     */
    public static final Set<String> UNCOMPRESSED_COMMANDS = Set.of("hello", "isMaster", "ismaster",
            "saslStart", "saslContinue", "getnonce", "authenticate", "createUser", "updateUser",
            "copydbSaslStart", "copydbgetnonce", "copydb");

    /** MongoDB's code for an OP_MSG without {@code $db} (uassert 40571). */
    static final int MISSING_DB_CODE = 40571;

    private final RouterServices services;

    public CommandDispatcher(RouterServices services) {
        this.services = services;
    }

    /** Run an OP_MSG command: {@code body} is the merged command document including {@code $db}. */
    public CommandOutcome dispatch(ClientConnectionState conn, BsonDocument body) {
        return run(conn, body, null);
    }

    /**
     * Run a command whose database comes from elsewhere (the OP_QUERY namespace {@code <db>.$cmd});
     * a {@code $db} field in the body is ignored.
     */
    public CommandOutcome dispatch(ClientConnectionState conn, BsonDocument body, String db) {
        return run(conn, body, db);
    }

    /**
     * Whether the OP_MSG command {@code body} can run on the calling I/O thread (see
     * {@link CommandHandler#runsInline}): its handler says so and no interceptor vetoes it. Unknown commands run on
     * a worker like any other (they fail there).
     */
    public boolean runsInline(BsonDocument body) {
        if (body.isEmpty()) {
            return false;
        }
        CommandHandler handler = services.commands().lookup(body.getFirstKey()).orElse(null);
        if (handler == null || !handler.runsInline(services, body)) {
            return false;
        }
        for (CommandInterceptor i : services.interceptors()) {
            if (!i.allowsInline(handler, body)) {
                return false;
            }
        }
        return true;
    }

    private CommandOutcome run(ClientConnectionState conn, BsonDocument body, String dbOverride) {
        long start = System.nanoTime();
        String name = body.isEmpty() ? "" : body.getFirstKey();
        String db = dbOverride;
        CommandInvocation invocation = null;
        CommandHandler handler = null;
        BsonDocument reply;
        services.connections().commandStarted();
        try {
            services.opCounters().count(name, body);
            LoadBalancerHandshake.check(conn, name);
            if (db == null) {
                db = databaseOf(body);
            }
            handler = services.commands().lookup(name).orElseThrow(() -> new CommandFailedException(
                    ErrorCode.COMMAND_NOT_FOUND, "no such command: '" + name + "'"));
            invocation = new CommandInvocation(db, conn, services);
            reply = withOk(invoke(invocation, handler, body, services.interceptors(), 0));
        } catch (CommandFailedException e) {
            reply = e.toReply();
        } catch (RuntimeException | StackOverflowError e) {
            StructuredLog.error(LOG, LogIds.ASSERTION_IN_COMMAND, LogComponent.COMMAND,
                            "Assertion while executing command")
                    .addKeyValue(StructuredLog.KEY_CTX, conn.logContext())
                    .addKeyValue("command", name)
                    .addKeyValue("db", db)
                    .addKeyValue("error", e.toString())
                    .setCause(e)
                    .log();
            reply = new CommandFailedException(ErrorCode.INTERNAL_ERROR,
                    "internal error in command " + name + ": " + e).toReply();
        } finally {
            services.connections().commandFinished();
        }
        long elapsed = System.nanoTime() - start;
        services.metrics().commands().record(handler == null ? null : name, reply, elapsed);
        long millis = elapsed / 1_000_000L;
        SlowQueryLog.maybeLog(services, conn, db == null ? "admin" : db, name, body,
                handler == null ? null : handler.spec(), reply, millis);
        return new CommandOutcome(name, reply, LoadBalancerHandshake.mustClose(conn),
                invocation == null ? 0 : invocation.replyDelayMillis(), !UNCOMPRESSED_COMMANDS.contains(name));
    }

    private static String databaseOf(BsonDocument body) {
        BsonValue db = body.get("$db");
        if (db == null) {
            throw new CommandFailedException(MISSING_DB_CODE, ErrorCode.nameOf(MISSING_DB_CODE),
                    "OP_MSG requests require a $db argument");
        }
        if (!db.isString()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                    "BSON field '$db' is the wrong type '" + typeName(db) + "', expected type 'string'");
        }
        return db.asString().getValue();
    }

    private static BsonDocument invoke(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                       List<CommandInterceptor> chain, int index) {
        if (index == chain.size()) {
            return handler.run(ctx, command);
        }
        return chain.get(index).intercept(ctx, handler, command,
                (c, cmd) -> invoke(c, handler, cmd, chain, index + 1));
    }

    private static BsonDocument withOk(BsonDocument reply) {
        if (reply == null) {
            return new BsonDocument("ok", new BsonDouble(1));
        }
        if (reply.containsKey("ok")) {
            return reply;
        }
        BsonDocument r = reply;
        if (reply instanceof RawBsonDocument) {
            r = new BsonDocument();
            r.putAll(reply);
        }
        r.put("ok", new BsonDouble(1));
        return r;
    }

    static String typeName(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> "int";
            case INT64 -> "long";
            case DOUBLE -> "double";
            case BOOLEAN -> "bool";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            case OBJECT_ID -> "objectId";
            case DATE_TIME -> "date";
            case BINARY -> "binData";
            case DECIMAL128 -> "decimal";
            default -> v.getBsonType().name().toLowerCase();
        };
    }
}
