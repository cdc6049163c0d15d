package io.jmongos.engine.command;

import org.bson.BsonDocument;

/** One engine command (a shard-side command handler). Implementations are stateless and thread-safe. */
public interface EngineCommand {
    /** Runs the command; command errors are thrown as CommandFailedException. */
    BsonDocument run(OperationContext op);

    default TxnRole txnRole() {
        return TxnRole.NOT_IN_TRANSACTION;
    }
}
