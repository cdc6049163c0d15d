package io.jmongos.engine.changes;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.storage.StorageTxn;

/**
 * The changes a storage transaction made so far, attached to it as its commit hook: reserved in the log just
 * before the storage commit, published after it, dropped if it rolls back.
 */
final class PendingChanges implements StorageTxn.CommitHook {
    private final ChangeLog log;
    private final List<ChangeRecord> records = new ArrayList<>();
    private ChangeLog.Reservation reservation;
    private ChangeRecord.Transaction transaction;

    private PendingChanges(ChangeLog log) {
        this.log = log;
    }

    /** The pending changes of {@code txn}, attached on first use. */
    static PendingChanges of(StorageTxn txn, ChangeLog log) {
        if (txn.hook() instanceof PendingChanges p) {
            return p;
        }
        if (txn.hook() != null) {
            throw new IllegalStateException("storage transaction already has a commit hook: " + txn.hook());
        }
        PendingChanges p = new PendingChanges(log);
        txn.hook(p);
        return p;
    }

    void add(ChangeRecord r) {
        records.add(r);
    }

    /** The changes belong to this multi-document transaction. */
    void transaction(ChangeRecord.Transaction t) {
        this.transaction = t;
    }

    @Override
    public void beforeCommit() {
        if (!records.isEmpty()) {
            List<ChangeRecord> out = records;
            if (transaction != null) {
                out = new ArrayList<>(records.size());
                long now = System.currentTimeMillis();
                for (ChangeRecord r : records) {
                    out.add(r.inTransaction(transaction, now));
                }
            }
            reservation = log.reserve(out);
        }
    }

    @Override
    public void committed() {
        if (reservation != null) {
            log.publish(reservation);
            reservation = null;
        }
        records.clear();
    }

    @Override
    public void rolledBack() {
        if (reservation != null) {
            log.cancel(reservation);
            reservation = null;
        }
        records.clear();
    }
}
