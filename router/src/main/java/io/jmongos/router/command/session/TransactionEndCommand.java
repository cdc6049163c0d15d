package io.jmongos.router.command.session;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/**
 * commitTransaction and abortTransaction (admin only). The session layer has already checked lsid,
 * txnNumber and autocommit; the transaction router commits or aborts at the participants.
 */
public final class TransactionEndCommand implements CommandHandler {
    /** Allowed in a transaction (it ends one); writeConcern allowed. */
    static final CommandSpec SPEC = new CommandSpec(false, false, true, true, false);

    private final boolean commit;

    public TransactionEndCommand(boolean commit) {
        this.commit = commit;
    }

    @Override
    public String name() {
        return commit ? "commitTransaction" : "abortTransaction";
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        if (!osi.inTransaction() || osi.lsid() == null) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, name() + " must be run within a transaction");
        }
        ClientInfo client = ClientInfo.of(ctx.connection());
        if (commit) {
            return ctx.services().transactions().commit(osi.lsid(), osi.txnNumber(), command, client,
                    ctx.services().shards()::get);
        }
        return ctx.services().transactions().abortTransaction(osi.lsid(), osi.txnNumber(), client);
    }
}
