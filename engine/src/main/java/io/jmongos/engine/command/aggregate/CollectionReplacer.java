package io.jmongos.engine.command.aggregate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.write.DocumentValidator;
import org.bson.BsonDocument;

/**
 * {@code $out}: writes the results under a fresh storage prefix (with the target's indexes), then switches
 * the catalog entry in one step and deletes the old data. On failure the target is untouched.
 */
final class CollectionReplacer {
    /** Documents per storage transaction while filling the new collection. */
    static final int DOCS_PER_TXN = 1000;
    /** MongoDB's code for a $out to a capped collection. */
    static final int OUT_TO_CAPPED = 17152;

    private CollectionReplacer() {
    }

    static void replace(OperationContext op, Namespace ns, Iterator<BsonDocument> docs) {
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta old = catalog.get(ns);
            if (old != null && old.capped()) {
                throw new CommandFailedException(OUT_TO_CAPPED, "Location" + OUT_TO_CAPPED, "namespace '"
                        + ns.full() + "' is capped so it can't be used for $out");
            }
            List<IndexMeta> indexes = new ArrayList<>();
            if (old != null) {
                for (IndexMeta i : old.indexes()) {
                    indexes.add(new IndexMeta(i.name(), i.keyPattern(), catalog.allocateId(), i.unique(), i.sparse(),
                            i.partialFilter(), i.expireAfterSeconds(), false));
                }
            }
            CollectionMeta fresh = new CollectionMeta(ns, old != null ? old.uuid() : UUID.randomUUID(),
                    catalog.allocateId(), old != null ? old.options() : new BsonDocument(), indexes,
                    old != null ? old.version() + 1 : 1);
            try {
                fill(op, fresh, docs);
            } catch (RuntimeException e) {
                catalog.deleteData(fresh);
                throw e;
            }
            long seq = op.services().store().latestSequence();
            fresh.indexes().forEach(i -> i.setReadySequence(seq));
            catalog.publish(fresh);
            if (old != null) {
                catalog.deleteData(old);
            }
        }
    }

    private static void fill(OperationContext op, CollectionMeta c, Iterator<BsonDocument> docs) {
        while (docs.hasNext()) {
            try (StorageTxn txn = op.services().store().begin(false)) {
                for (int n = 0; n < DOCS_PER_TXN && docs.hasNext(); n++) {
                    BsonDocument doc = DocumentValidator.forInsert(docs.next());
                    op.services().writer().insert(txn, c, doc, DocumentValidator.bytesForInsert(doc));
                }
                txn.commit();
            }
        }
        if (op.durable()) {
            op.services().store().syncWal();
        }
    }
}
