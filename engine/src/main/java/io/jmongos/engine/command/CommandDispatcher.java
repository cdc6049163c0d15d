package io.jmongos.engine.command;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.txn.OpenTransaction;
import io.jmongos.engine.txn.RetryableWrite;
import io.jmongos.engine.txn.SessionState;
import io.jmongos.engine.txn.TxnParams;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command document: finds its handler, applies the session/transaction rules (checking the
 * session out, opening or continuing the transaction, aborting it when a statement fails) and turns
 * every error into a reply.
 */
public final class CommandDispatcher {
    /** mongod's code for a txnNumber on a command that is neither a transaction statement nor retryable. */
    static final int TXN_NUMBER_NOT_ALLOWED = 50768;
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final EngineServices services;
    private final Map<String, EngineCommand> commands;

    public CommandDispatcher(EngineServices services, Map<String, EngineCommand> commands) {
        this.services = services;
        this.commands = Map.copyOf(commands);
    }

    /** The command names (and aliases) this dispatcher answers. */
    public java.util.Set<String> commandNames() {
        return commands.keySet();
    }

    public BsonDocument run(String db, BsonDocument cmd) {
        BsonDocument reply = dispatch(db, cmd);
        EngineCommand handler = cmd.isEmpty() ? null : commands.get(cmd.getFirstKey());
        if (handler != null) {
            WriteConcernCheck.apply(cmd, handler.txnRole(), reply);
        }
        return reply;
    }

    private BsonDocument dispatch(String db, BsonDocument cmd) {
        try {
            if (cmd.isEmpty()) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "empty command document");
            }
            String name = cmd.getFirstKey();
            EngineCommand handler = commands.get(name);
            if (handler == null) {
                throw new CommandFailedException(ErrorCode.COMMAND_NOT_FOUND, "no such command: '" + name + "'");
            }
            TxnParams p = TxnParams.parse(cmd);
            Deadline deadline = Deadline.afterMillis(maxTimeMs(cmd));
            if (p.multiDocument()) {
                return inTransaction(db, cmd, handler, p, deadline);
            }
            ReadConcern.checkOutsideTransaction(cmd);
            if (p.txnNumber() != null) {
                if (handler.txnRole() != TxnRole.RETRYABLE_WRITE) {
                    throw new CommandFailedException(TXN_NUMBER_NOT_ALLOWED, "Location" + TXN_NUMBER_NOT_ALLOWED,
                            "txnNumber may only be provided for multi-document transactions and retryable write "
                                    + "commands. autocommit:false was not provided, and " + name
                                    + " is not a retryable write command.");
                }
                return retryable(db, cmd, handler, p, deadline);
            }
            return handler.run(new OperationContext(services, db, cmd, deadline, p, null, null, null));
        } catch (CommandFailedException e) {
            return e.toReply();
        } catch (RuntimeException e) {
            LOG.error("command failed unexpectedly db={} command={}", db, cmd.isEmpty() ? "" : cmd.getFirstKey(), e);
            return new CommandFailedException(ErrorCode.INTERNAL_ERROR, String.valueOf(e)).toReply();
        }
    }

    private static long maxTimeMs(BsonDocument cmd) {
        BsonValue v = cmd.get("maxTimeMS");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "maxTimeMS must be a number");
        }
        long ms = v.asNumber().longValue();
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "maxTimeMS is out of range");
        }
        return ms;
    }

    private BsonDocument inTransaction(String db, BsonDocument cmd, EngineCommand handler, TxnParams p,
                                       Deadline deadline) {
        String name = cmd.getFirstKey();
        if (handler.txnRole() == TxnRole.NOT_IN_TRANSACTION
                || p.startTransaction() && (name.equals("killCursors") || name.equals("getMore"))) {
            throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION,
                    "Cannot run '" + name + "' in a multi-document transaction.");
        }
        SessionState session = services.sessions().checkOut(p.lsid());
        try {
            if (handler.txnRole() == TxnRole.TRANSACTION_CONTROL) {
                return handler.run(new OperationContext(services, db, cmd, deadline, p, session, null, null));
            }
            if (!p.startTransaction() && cmd.containsKey("readConcern")) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "Only the first command in a transaction may specify a readConcern");
            }
            OpenTransaction txn = services.sessions().transactionFor(session, p.txnNumber(), p.startTransaction());
            BsonDocument reply;
            try {
                reply = handler.run(new OperationContext(services, db, cmd, deadline, p, session, txn, null));
            } catch (RuntimeException e) {
                services.sessions().abortOpen(session);
                throw e;
            }
            if (reply.containsKey("writeErrors")) {
                services.sessions().abortOpen(session);
            }
            return reply;
        } finally {
            services.sessions().checkIn(session);
        }
    }

    private BsonDocument retryable(String db, BsonDocument cmd, EngineCommand handler, TxnParams p,
                                   Deadline deadline) {
        SessionState session = services.sessions().checkOut(p.lsid());
        try {
            RetryableWrite rw = services.sessions().retryable(session, p.txnNumber());
            return handler.run(new OperationContext(services, db, cmd, deadline, p, session, null, rw));
        } finally {
            services.sessions().checkIn(session);
        }
    }
}
