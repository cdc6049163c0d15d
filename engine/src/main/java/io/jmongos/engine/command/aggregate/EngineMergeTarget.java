package io.jmongos.engine.command.aggregate;

import java.util.HashSet;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.WriteTarget;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.write.CollectionWriter;
import io.jmongos.engine.write.DocumentValidator;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $merge}'s view of its target: lookups by the on fields, inserts and replacements, each committed. */
final class EngineMergeTarget implements MergeTarget {
    /** MongoDB's code when the on fields are not covered by a unique index. */
    static final int NO_UNIQUE_INDEX = 51183;

    private final OperationContext op;
    private final Namespace ns;

    private EngineMergeTarget(OperationContext op, Namespace ns) {
        this.op = op;
        this.ns = ns;
    }

    static EngineMergeTarget open(OperationContext op, Namespace ns, List<String> onFields) {
        if (!(onFields.size() == 1 && onFields.get(0).equals("_id"))) {
            CollectionMeta c = op.catalog().get(ns);
            boolean covered = false;
            if (c != null) {
                for (IndexMeta i : c.indexes()) {
                    if (i.unique() && i.partialFilter() == null
                            && new HashSet<>(i.keyPattern().keySet()).equals(new HashSet<>(onFields))) {
                        covered = true;
                    }
                }
            }
            if (!covered) {
                throw new CommandFailedException(NO_UNIQUE_INDEX, "Location" + NO_UNIQUE_INDEX,
                        "Cannot find index to verify that join fields will be unique");
            }
        }
        return new EngineMergeTarget(op, ns);
    }

    @Override
    public BsonDocument find(BsonDocument key) {
        CollectionMeta c = op.catalog().get(ns);
        if (c == null) {
            return null;
        }
        try (ReadSnapshot snap = op.services().store().snapshot();
             var stream = QuerySupport.plan(op.services(), snap, c, new QuerySupport.Query(key, null, 0, 1, null,
                     null), op.deadline()).stream()) {
            BsonDocument d = stream.next();
            return d == null ? null : BsonBytes.toDocument(BsonBytes.toBytes(d));
        }
    }

    @Override
    public void insert(BsonDocument doc) {
        BsonDocument d = DocumentValidator.forInsert(doc);
        byte[] bytes = DocumentValidator.bytesForInsert(d);
        try (WriteTarget t = op.openForWrite(ns)) {
            op.writeUnit(t.meta(), txn -> {
                op.services().writer().insert(txn, t.meta(), d, bytes);
                return null;
            });
        }
    }

    @Override
    public void replace(BsonValue id, BsonDocument doc) {
        byte[] bytes = DocumentValidator.bytesForUpdate(doc);
        try (WriteTarget t = op.openForWrite(ns)) {
            op.writeUnit(t.meta(), txn -> {
                byte[] cur = txn.getForUpdate(op.services().store().records(),
                        CollectionWriter.recordKey(t.meta(), id));
                if (cur == null) {
                    op.services().writer().insert(txn, t.meta(), DocumentValidator.forInsert(doc), bytes);
                } else {
                    op.services().writer().update(txn, t.meta(), BsonBytes.toDocument(cur), doc, bytes);
                }
                return null;
            });
        }
    }
}
