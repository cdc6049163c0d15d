package io.jmongos.router.session;

import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.txn.RouterTransaction;
import io.jmongos.router.txn.TransactionErrors;
import io.jmongos.router.txn.TransactionRouter;

/**
 * The session layer around every command: checks the session fields, creates or refreshes the logical
 * session, and runs each transaction statement inside the transaction router (begin or continue, record the
 * connection, abort the transaction on any error as mongos does; the request sender records the participants as
 * it sends). Commands finishing on a
 * load-balanced connection that has already closed clean up after it again, so nothing they created survives.
 */
public final class SessionInterceptor implements CommandInterceptor {
    private final RouterServices services;

    public SessionInterceptor(RouterServices services) {
        this.services = services;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next) {
        try {
            OperationSessionInfo osi = OperationSessionInfo.parse(command);
            ReadConcernRules.check(handler.name(), command, osi);
            if (osi == OperationSessionInfo.NONE) {
                return next.proceed(ctx, command);
            }
            SessionOptionsValidator.validate(osi, handler, ctx.db(), command);
            ClientInfo client = ClientInfo.of(ctx.connection());
            if (osi.lsid() != null) {
                services.sessions().cache().vivify(osi.lsid(), client);
            }
            if (!osi.inTransaction()) {
                return next.proceed(ctx, command);
            }
            BsonDocument reply = SessionOptionsValidator.TRANSACTION_COMMANDS.contains(handler.name())
                    ? next.proceed(ctx, command) : runStatement(ctx, osi, client, command, next);
            return withRecoveryToken(reply, osi);
        } finally {
            if (ctx.connection().loadBalancerPort() && LoadBalancerDisconnectListener.isClosed(ctx.connection())) {
                services.loadBalancerCleanup().cleanUpLoadBalancedConnection(ctx.connection());
            }
        }
    }

    private BsonDocument runStatement(CommandContext ctx, OperationSessionInfo osi, ClientInfo client,
                                      BsonDocument command, Invocation next) {
        TransactionRouter txns = services.transactions();
        BsonValue rc = command.get("readConcern");
        RouterTransaction t = txns.beginOrContinue(osi.lsid(), osi.txnNumber(),
                Boolean.TRUE.equals(osi.startTransaction()), rc != null && rc.isDocument() ? rc.asDocument() : null);
        trackOnConnection(ctx.connection(), t);
        txns.statementStarted(t, client);
        try {
            BsonDocument reply = next.proceed(ctx, command);
            String writeError = firstWriteErrorCodeName(reply);
            if (writeError != null) {
                txns.abort(t, writeError);
            }
            return reply;
        } catch (CommandFailedException e) {
            txns.abort(t, e.codeName());
            if (TransactionErrors.isTransient(e.code())) {
                e.withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
            }
            throw e;
        } catch (RuntimeException e) {
            txns.abort(t, ErrorCode.INTERNAL_ERROR.codeName());
            throw e;
        } finally {
            txns.statementFinished(t);
        }
    }

    /**
     * mongos adds {@code recoveryToken: {recoveryShardId}} to every reply in a transaction once it has a
     * participant; drivers send it back with commitTransaction/abortTransaction so that another router can
     * recover the commit decision.
     */
    private BsonDocument withRecoveryToken(BsonDocument reply, OperationSessionInfo osi) {
        RouterTransaction t = services.transactions().current(osi.lsid());
        if (t == null || t.txnNumber() != osi.txnNumber() || t.participants().isEmpty()) {
            return reply;
        }
        BsonDocument out = new BsonDocument();
        if (reply != null) {
            out.putAll(reply);
        }
        out.put("recoveryToken", new BsonDocument("recoveryShardId",
                new BsonString(t.participants().get(0).name())));
        return out;
    }

    /** Remember, on a load-balanced connection, every transaction that ran a statement on it. */
    private static void trackOnConnection(ClientConnectionState conn, RouterTransaction t) {
        if (!conn.loadBalancerPort()) {
            return;
        }
        Set<RouterTransaction> touched = conn.get(LoadBalancerDisconnectListener.TRANSACTIONS);
        touched.removeIf(old -> !old.inProgress());
        touched.add(t);
    }

    /** The code name of the first write error of a write command's reply, or null. */
    static String firstWriteErrorCodeName(BsonDocument reply) {
        if (reply == null || !reply.isArray("writeErrors") || reply.getArray("writeErrors").isEmpty()) {
            return null;
        }
        BsonValue first = reply.getArray("writeErrors").get(0);
        if (first.isDocument() && first.asDocument().isNumber("code")) {
            return ErrorCode.nameOf(first.asDocument().getNumber("code").intValue());
        }
        return ErrorCode.UNKNOWN_ERROR.codeName();
    }
}
