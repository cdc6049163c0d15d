package io.jmongos.engine.command.session;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import org.bson.BsonDocument;
import org.bson.BsonDouble;

/** abortTransaction: rolls the session's transaction back and kills its cursors. */
public final class AbortTransactionCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.TRANSACTION_CONTROL;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        if (op.session() == null) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "abortTransaction must be run within a transaction (lsid, txnNumber, autocommit: false)");
        }
        op.services().sessions().abort(op.session(), op.params().txnNumber());
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
