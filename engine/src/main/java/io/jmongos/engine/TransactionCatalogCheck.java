package io.jmongos.engine;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.storage.WriteConflictException;
import io.jmongos.engine.txn.OpenTransaction;
import io.jmongos.engine.txn.SessionCatalog;

/**
 * The catalog side of a transaction commit (the caller holds the catalog's exclusive lock when the
 * transaction created collections, else the shared one): a collection the transaction wrote must still
 * be at the version it wrote under, a collection it created must not have been created meanwhile by
 * someone else (both: 112 WriteConflict); its created collections are committed with its documents and
 * published after.
 */
final class TransactionCatalogCheck implements SessionCatalog.CommitCheck {
    private final Catalog catalog;

    TransactionCatalogCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(OpenTransaction txn) {
        txn.written().forEach((ns, version) -> {
            if (txn.pending(ns) != null) {
                return;
            }
            CollectionMeta current = catalog.get(ns);
            if (current == null || current.version() != version) {
                throw new WriteConflictException();
            }
        });
        for (CollectionMeta c : txn.pending().values()) {
            if (catalog.get(c.ns()) != null) {
                throw new WriteConflictException();
            }
            catalog.writeEntry(txn.storage(), c);
        }
    }

    @Override
    public void committed(OpenTransaction txn) {
        txn.pending().values().forEach(catalog::publishCommitted);
    }

    @Override
    public void ended(OpenTransaction txn) {
        txn.pending().keySet().forEach(ns -> catalog.releasePending(ns, txn));
    }
}
