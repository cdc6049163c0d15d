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
 * {@code 'S' + lsid -> {txnNumber, state}}, and per executed retryable statement
 * {@code 'W' + lsid + txnNumber + stmtId -> result}. Written in the same storage transaction as the
 * write they describe, so a result is recorded if and only if its write committed.
 */
public final class SessionRecords {
    private static final byte SESSION = 'S';
    private static final byte STATEMENT = 'W';

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
        BsonDocument d = new BsonDocument("txnNumber", new BsonInt64(txnNumber))
                .append("state", new BsonString(state.name()));
        txn.put(store.sessions(), Keys.concat(new byte[] {SESSION}, sessionKey), BsonBytes.toBytes(d));
    }

    /** The recorded result of a statement, or null if it never committed. */
    BsonDocument statement(byte[] sessionKey, long txnNumber, int stmtId) {
        byte[] v;
        try (var snap = store.snapshot()) {
            v = snap.get(store.sessions(), statementKey(sessionKey, txnNumber, stmtId));
        }
        return v == null ? null : BsonBytes.toDocument(v);
    }

    /** Records a statement's result inside {@code txn} (with getForUpdate: two racing retries conflict). */
    boolean saveStatement(StorageTxn txn, byte[] sessionKey, long txnNumber, int stmtId, BsonDocument result) {
        byte[] key = statementKey(sessionKey, txnNumber, stmtId);
        if (txn.getForUpdate(store.sessions(), key) != null) {
            return false;
        }
        txn.put(store.sessions(), key, BsonBytes.toBytes(result));
        return true;
    }

    /** Deletes the statement records of older txnNumbers of a session (they can no longer be retried). */
    void forgetStatementsBefore(byte[] sessionKey, long txnNumber) {
        byte[] from = Keys.concat(new byte[] {STATEMENT}, sessionKey);
        byte[] to = Keys.concat(from, new ByteSink(8).putLong(txnNumber).toByteArray());
        store.deleteRange(store.sessions(), from, to);
    }

    private static byte[] statementKey(byte[] sessionKey, long txnNumber, int stmtId) {
        ByteSink s = new ByteSink(sessionKey.length + 13).put(STATEMENT).put(sessionKey);
        return s.putLong(txnNumber).putInt(stmtId).toByteArray();
    }
}
