package io.jmongos.router.session;

import java.util.Set;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandHandler;

/**
 * MongoDB's rules on a command's session fields (initializeOperationSessionInfo and validateSessionOptions
 * in the server, canUseTransactions in CommandHelpers), in the order MongoDB applies them.
 */
public final class SessionOptionsValidator {
    /** Commands that accept a txnNumber without autocommit (MongoDB's supportsRetryableWrite). */
    public static final Set<String> RETRYABLE_WRITE_COMMANDS = Set.of("insert", "update", "delete",
            "findAndModify", "findandmodify", "bulkWrite");
    /** Commands that end a transaction: the only ones allowed a writeConcern inside one. */
    public static final Set<String> TRANSACTION_COMMANDS = Set.of("commitTransaction", "abortTransaction");
    /** ErrorCodes::NotARetryableWriteCommand. */
    static final int NOT_A_RETRYABLE_WRITE_COMMAND = 50768;
    /** uassert 50889: a txnNumber on a command that never takes one. */
    static final int TXN_NUMBER_NOT_ALLOWED = 50889;

    private SessionOptionsValidator() {
    }

    public static void validate(OperationSessionInfo osi, CommandHandler handler, String db, BsonDocument command) {
        String name = handler.name();
        if (!handler.spec().requiresAuth()) {
            if (osi.autocommit() != null) {
                throw notInTransaction("This command is not supported in transactions");
            }
            if (osi.txnNumber() != null) {
                throw new CommandFailedException(TXN_NUMBER_NOT_ALLOWED, ErrorCode.nameOf(TXN_NUMBER_NOT_ALLOWED),
                        "It is illegal to provide a txnNumber for this command");
            }
        }
        if (osi.lsid() == null && osi.txnNumber() != null) {
            throw invalid("Transaction number requires a session ID to also be specified");
        }
        if (osi.txnNumber() != null) {
            if (osi.txnNumber() < 0) {
                throw invalid("Transaction number cannot be negative");
            }
        } else if (osi.autocommit() != null) {
            throw invalid("'autocommit' field requires a transaction number to also be specified");
        }
        if (osi.autocommit() != null) {
            if (osi.autocommit()) {
                throw invalid("Specifying autocommit=true is not allowed.");
            }
        } else if (osi.startTransaction() != null) {
            throw invalid("'startTransaction' field requires 'autocommit' field to also be specified");
        }
        if (osi.startTransaction() != null && !osi.startTransaction()) {
            throw invalid("Specifying startTransaction=false is not allowed.");
        }
        if (osi.autocommit() != null) {
            canUseTransactions(handler, db);
        }
        if (osi.autocommit() == null && osi.txnNumber() != null && !RETRYABLE_WRITE_COMMANDS.contains(name)) {
            throw new CommandFailedException(NOT_A_RETRYABLE_WRITE_COMMAND, "NotARetryableWriteCommand",
                    "txnNumber may only be provided for multi-document transactions and retryable write commands. "
                            + "autocommit:false was not provided, and " + name + " is not a retryable write command.");
        }
        if (Boolean.TRUE.equals(osi.startTransaction())) {
            switch (name) {
                case "killCursors" -> throw notInTransaction(
                        "Cannot run killCursors as the first operation in a multi-document transaction.");
                case "commitTransaction" -> throw notInTransaction("Cannot start a transaction with a commit");
                case "abortTransaction" -> throw notInTransaction("Cannot start a transaction with an abort");
                default -> {
                }
            }
        }
        if (osi.autocommit() != null && command.containsKey("writeConcern") && !TRANSACTION_COMMANDS.contains(name)) {
            throw invalid("writeConcern is not allowed within a multi-statement transaction");
        }
    }

    private static void canUseTransactions(CommandHandler handler, String db) {
        String name = handler.name();
        if (name.equals("count")) {
            throw notInTransaction("Cannot run 'count' in a multi-document transaction. Please see "
                    + "http://dochub.mongodb.org/core/transaction-count for a recommended alternative.");
        }
        if (!handler.spec().allowedInTransaction()) {
            throw notInTransaction("Cannot run '" + name + "' in a multi-document transaction.");
        }
        if (db.equals("local")) {
            throw notInTransaction("Cannot run command against the 'local' database in a transaction.");
        }
    }

    private static CommandFailedException invalid(String msg) {
        return new CommandFailedException(ErrorCode.INVALID_OPTIONS, msg);
    }

    private static CommandFailedException notInTransaction(String msg) {
        return new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION, msg);
    }
}
