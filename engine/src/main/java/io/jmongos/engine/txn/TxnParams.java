package io.jmongos.engine.txn;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The session and transaction fields of a command as mongos forwards them: {@code lsid}, {@code txnNumber},
 * {@code autocommit} (only false is allowed), {@code startTransaction} (only true).
 */
public record TxnParams(BsonDocument lsid, Long txnNumber, boolean multiDocument, boolean startTransaction) {
    public static final TxnParams NONE = new TxnParams(null, null, false, false);

    public static TxnParams parse(BsonDocument cmd) {
        BsonValue lsidValue = cmd.get("lsid");
        BsonDocument lsid = null;
        if (lsidValue != null) {
            if (!lsidValue.isDocument() || !lsidValue.asDocument().containsKey("id")) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "lsid must be a document with an id");
            }
            lsid = lsidValue.asDocument();
        }
        Long txnNumber = null;
        BsonValue t = cmd.get("txnNumber");
        if (t != null) {
            if (!t.isInt64() && !t.isInt32()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "txnNumber must be a long");
            }
            txnNumber = t.asNumber().longValue();
            if (txnNumber < 0) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "TxnNumber cannot be negative");
            }
            if (lsid == null) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "Transaction number requires a session ID to also be specified");
            }
        }
        BsonValue ac = cmd.get("autocommit");
        boolean multi = false;
        if (ac != null) {
            if (!ac.isBoolean()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "autocommit must be a boolean");
            }
            if (ac.asBoolean().getValue()) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "Specifying autocommit=true is not allowed.");
            }
            if (txnNumber == null) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "'autocommit' field requires a transaction number to also be specified");
            }
            multi = true;
        }
        BsonValue st = cmd.get("startTransaction");
        boolean start = false;
        if (st != null) {
            if (!st.isBoolean() || !st.asBoolean().getValue()) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "Specifying startTransaction=false is not allowed.");
            }
            if (!multi) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        "'startTransaction' field requires 'autocommit' field to also be specified");
            }
            start = true;
        }
        return new TxnParams(lsid, txnNumber, multi, start);
    }

    public boolean retryableWrite() {
        return txnNumber != null && !multiDocument;
    }
}
