package io.jmongos.router.routing;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;

import io.jmongos.router.txn.RouterTransaction;

/**
 * The transaction fields of one statement as one participant must see them (mongos's
 * {@code Participant::attachTxnFieldsIfNeeded}): every statement carries {@code lsid}, {@code txnNumber} and
 * {@code autocommit: false} as the client sent them; the participant's first statement also starts the
 * transaction there ({@code startTransaction: true}) with the transaction's read concern, later ones carry
 * neither, whatever the client's statement said.
 */
final class TransactionFields {
    private TransactionFields() {
    }

    /** Rewrite {@code command} (already forwardable) for a participant; {@code first}: its first statement. */
    static BsonDocument attach(BsonDocument command, RouterTransaction t, boolean first) {
        command.remove("startTransaction");
        command.remove("readConcern");
        command.put("autocommit", BsonBoolean.FALSE);
        if (first) {
            command.put("startTransaction", BsonBoolean.TRUE);
            if (!t.readConcern().isEmpty()) {
                command.put("readConcern", t.readConcern());
            }
        }
        return command;
    }
}
