package io.jmongos.router.session;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * The session fields of a command: {@code lsid}, {@code txnNumber}, {@code autocommit},
 * {@code startTransaction}. Parsing checks the types; {@link SessionOptionsValidator} checks the rules.
 *
 * @param lsid             null without a session
 * @param txnNumber        null without a transaction number
 * @param autocommit       null when absent
 * @param startTransaction null when absent
 */
public record OperationSessionInfo(LogicalSessionId lsid, Long txnNumber, Boolean autocommit,
                                   Boolean startTransaction) {
    public static final OperationSessionInfo NONE = new OperationSessionInfo(null, null, null, null);

    public static OperationSessionInfo parse(BsonDocument command) {
        BsonValue lsidValue = command.get("lsid");
        BsonValue txn = command.get("txnNumber");
        BsonValue ac = command.get("autocommit");
        BsonValue st = command.get("startTransaction");
        if (lsidValue == null && txn == null && ac == null && st == null) {
            return NONE;
        }
        LogicalSessionId lsid = lsidValue == null ? null : LogicalSessionId.parse("lsid", lsidValue);
        Long txnNumber = null;
        if (txn != null) {
            if (!txn.isInt64() && !txn.isInt32()) {
                throw wrongType("txnNumber", txn, "long");
            }
            txnNumber = txn.asNumber().longValue();
        }
        return new OperationSessionInfo(lsid, txnNumber, bool("autocommit", ac), bool("startTransaction", st));
    }

    private static Boolean bool(String field, BsonValue v) {
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, v, "bool");
        }
        return v.asBoolean().getValue();
    }

    private static CommandFailedException wrongType(String field, BsonValue v, String expected) {
        return new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field 'OperationSessionInfo." + field
                + "' is the wrong type '" + BsonTypeNames.of(v) + "', expected type '" + expected + "'");
    }

    /** True for a statement of a multi-document transaction ({@code autocommit: false}). */
    public boolean inTransaction() {
        return autocommit != null && txnNumber != null;
    }

    /** True for a retryable write (a txnNumber without autocommit). */
    public boolean retryableWrite() {
        return txnNumber != null && autocommit == null;
    }

    /** The fields to forward with a getMore or other follow-up command to a shard. */
    public BsonDocument forwardFields() {
        BsonDocument d = new BsonDocument();
        if (lsid != null) {
            d.append("lsid", lsid.toBson());
        }
        if (txnNumber != null) {
            d.append("txnNumber", new BsonInt64(txnNumber));
        }
        if (autocommit != null) {
            d.append("autocommit", BsonBoolean.valueOf(autocommit));
        }
        return d;
    }
}
