package io.jmongos.engine.command.session;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import org.bson.BsonDocument;
import org.bson.BsonDouble;

/**
 * commitTransaction: commits the session's transaction (a retry of a committed one succeeds). A
 * transaction whose collections changed under DDL since it wrote them fails with WriteConflict.
 */
public final class CommitTransactionCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.TRANSACTION_CONTROL;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        if (op.session() == null) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "commitTransaction must be run within a transaction (lsid, txnNumber, autocommit: false)");
        }
        var open = op.session().open();
        boolean createsCollections = open != null && !open.pending().isEmpty();
        try (Catalog.Held h = createsCollections ? op.catalog().exclusive() : op.catalog().shared()) {
            op.services().sessions().commit(op.session(), op.params().txnNumber(), op.durable());
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
