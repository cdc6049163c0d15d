package io.jmongos.engine.txn;

import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ByteSink;
import io.jmongos.engine.storage.KeyEncoder;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.StorageTxn;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Session records in the sessions column family (the engine's config.transactions): per session
 * {@code 'S' + lsid -> {txnNumber, state}}, and per retryable statement id of the session's latest retryable
 * write {@code 'R' + lsid + stmtId -> {txnNumber, result}}. Written in the same storage transaction as the
 * write they describe, so a result is recorded if and only if its write committed. A statement record of an
 * older txnNumber is never consulted (the session's txnNumber has moved on: 225 TransactionTooOld) and is
 * overwritten in place when a later write of the session uses the same stmtId, so starting a new txnNumber
 * costs nothing: no range scan, no deletes, no tombstones. A session keeps at most one record per stmtId it
 * ever used (as many as its largest retryable batch).
 */
public final class SessionRecords {
    private static final byte SESSION = 'S';
    /** Statement records keyed by stmtId only ('W' was the earlier per-txnNumber layout, no longer read). */
    private static final byte STATEMENT = 'R';
    private static final String TXN_NUMBER = "txnNumber";
    private static final String RESULT = "result";

    private final RocksStore store;

    public SessionRecords(RocksStore store) {
        this.store = store;
    }

    static byte[] sessionKey(BsonDocument lsid) {
        return KeyEncoder.encode(lsid);
    }

    /** The persisted {txnNumber, state} of a session, or null. */
    BsonDocument load(byte[] sessionKey) {
        byte[] v;
        try (var snap = store.snapshot()) {
            v = snap.get(store.sessions(), Keys.concat(new byte[] {SESSION}, sessionKey));
        }
        return v == null ? null : BsonBytes.toDocument(v);
    }

    /** Records the session's txnNumber and state inside {@code txn}. */
    void saveSession(StorageTxn txn, byte[] sessionKey, long txnNumber, TxnState state) {
        BsonDocument d = new BsonDocument(TXN_NUMBER, new BsonInt64(txnNumber))
                .append("state", new BsonString(state.name()));
        txn.put(store.sessions(), Keys.concat(new byte[] {SESSION}, sessionKey), BsonBytes.toBytes(d));
    }

    /** The recorded result of a statement of {@code txnNumber}, or null if it never committed. */
    BsonDocument statement(byte[] sessionKey, long txnNumber, int stmtId) {
        byte[] v;
        try (var snap = store.snapshot()) {
            v = snap.get(store.sessions(), statementKey(sessionKey, stmtId));
        }
        return resultOf(v, txnNumber);
    }

    /**
     * Records a statement's result inside {@code txn}, replacing the record of an older txnNumber with the
     * same stmtId; false if {@code txnNumber} already recorded it (getForUpdate: two racing retries conflict).
     */
    boolean saveStatement(StorageTxn txn, byte[] sessionKey, long txnNumber, int stmtId, BsonDocument result) {
        byte[] key = statementKey(sessionKey, stmtId);
        if (resultOf(txn.getForUpdate(store.sessions(), key), txnNumber) != null) {
            return false;
        }
        BsonDocument record = new BsonDocument(TXN_NUMBER, new BsonInt64(txnNumber)).append(RESULT, result);
        txn.put(store.sessions(), key, BsonBytes.toBytes(record));
        return true;
    }

    private static BsonDocument resultOf(byte[] record, long txnNumber) {
        if (record == null) {
            return null;
        }
        BsonDocument d = BsonBytes.toDocument(record);
        return d.getInt64(TXN_NUMBER).getValue() == txnNumber ? d.getDocument(RESULT) : null;
    }

    private static byte[] statementKey(byte[] sessionKey, int stmtId) {
        return new ByteSink(sessionKey.length + 5).put(STATEMENT).put(sessionKey).putInt(stmtId).toByteArray();
    }
}
