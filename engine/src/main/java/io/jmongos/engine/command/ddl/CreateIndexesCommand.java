package io.jmongos.engine.command.ddl;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.index.IndexBuilder;
import io.jmongos.engine.index.IndexSpecParser;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * createIndexes: validates every spec, builds the new indexes over existing documents (under the catalog's
 * exclusive lock) and publishes them together. An identical existing index is a no-op; the same name with
 * another key is 86 IndexKeySpecsConflict, the same key under another name 85 IndexOptionsConflict. Inside a
 * transaction only a collection the transaction created (or a new one) can get indexes, as in MongoDB 4.4+;
 * the transaction's own documents are indexed inside it.
 */
public final class CreateIndexesCommand implements EngineCommand {
    /** MongoDB's limit on indexes per collection (64, including _id). */
    public static final int MAX_INDEXES = 64;

    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace ns = CommandArgs.namespace(op.db(), cmd);
        BsonValue specs = cmd.get("indexes");
        if (specs == null || !specs.isArray() || specs.asArray().isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Must specify at least one index to create");
        }
        List<IndexMeta> requested = new ArrayList<>();
        for (BsonValue v : specs.asArray()) {
            if (!v.isDocument()) {
                throw CommandArgs.wrongType(cmd, "indexes", v, "object");
            }
            requested.add(IndexSpecParser.parse(v.asDocument()));
        }
        if (op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        if (op.inTransaction()) {
            return inTransaction(op, ns, requested);
        }
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta c = catalog.get(ns);
            boolean created = c == null;
            if (created) {
                c = catalog.create(ns, new BsonDocument());
            }
            List<IndexMeta> toBuild = toBuild(ns, c, requested);
            List<IndexMeta> all = new ArrayList<>(c.indexes());
            List<IndexMeta> built = new ArrayList<>();
            try {
                for (IndexMeta r : toBuild) {
                    IndexMeta index = withStorage(catalog, r);
                    built.add(index);
                    IndexBuilder.build(op.services().store(), catalog, op.services().writer(), c, index);
                    all.add(index);
                }
            } catch (RuntimeException e) {
                built.forEach(catalog::dropIndexData);
                throw e;
            }
            long seq = op.services().store().latestSequence();
            built.forEach(i -> i.setReadySequence(seq));
            if (!built.isEmpty()) {
                catalog.publish(c.withIndexes(all));
            }
            return reply(c.indexes().size() + 1, built.size(), created);
        }
    }

    /**
     * Inside a transaction (MongoDB 4.4+): only on a collection the transaction creates, which stays pending
     * until the commit; the index entries are written in the transaction.
     */
    private static BsonDocument inTransaction(OperationContext op, Namespace ns, List<IndexMeta> requested) {
        Catalog catalog = op.catalog();
        try (Catalog.Held h = catalog.shared()) {
            CollectionMeta c = op.collection(ns);
            if (c != null && op.transaction().pending(ns) == null) {
                throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION, "Cannot create new "
                        + "indexes on existing collection " + ns.full() + " in a multi-document transaction.");
            }
            boolean created = c == null;
            if (created) {
                c = op.createPending(ns, new BsonDocument());
            }
            List<IndexMeta> all = new ArrayList<>(c.indexes());
            int before = all.size() + 1;
            for (IndexMeta r : toBuild(ns, c, requested)) {
                IndexMeta index = withStorage(catalog, r);
                IndexBuilder.addTransactionDocuments(op.transaction().storage(), op.services().store(),
                        op.services().writer(), c, index);
                all.add(index);
            }
            CollectionMeta now = c.withIndexes(all);
            op.transaction().putPending(now);
            op.transaction().rebase(ns, now.version());
            return reply(before, all.size() + 1 - before, created);
        }
    }

    private static List<IndexMeta> toBuild(Namespace ns, CollectionMeta c, List<IndexMeta> requested) {
        List<IndexMeta> toBuild = new ArrayList<>();
        for (IndexMeta r : requested) {
            if (isIdIndex(r) || alreadyThere(c, toBuild, r)) {
                continue;
            }
            toBuild.add(r);
        }
        if (c.indexes().size() + 1 + toBuild.size() > MAX_INDEXES) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "add index fails, too many indexes for "
                    + ns.full() + " key:" + toBuild.get(0).keyPattern().toJson());
        }
        return toBuild;
    }

    private static IndexMeta withStorage(Catalog catalog, IndexMeta r) {
        return new IndexMeta(r.name(), r.keyPattern(), catalog.allocateId(), r.unique(), r.sparse(),
                r.partialFilter(), r.expireAfterSeconds(), false);
    }

    private static BsonDocument reply(int before, int built, boolean created) {
        BsonDocument reply = new BsonDocument("numIndexesBefore", new BsonInt32(before))
                .append("numIndexesAfter", new BsonInt32(before + built))
                .append("createdCollectionAutomatically", BsonBoolean.valueOf(created));
        if (built == 0) {
            reply.append("note", new BsonString("all indexes already exist"));
        }
        return reply.append("ok", new BsonDouble(1));
    }

    private static boolean isIdIndex(IndexMeta r) {
        if (!r.keyPattern().equals(new BsonDocument("_id", new BsonInt32(1)))
                && !(r.keyPattern().size() == 1 && r.keyPattern().containsKey("_id") && r.name().equals("_id_"))) {
            if (r.name().equals(CollectionMeta.ID_INDEX_NAME)) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "The index name '_id_' is reserved for the _id "
                        + "index, which must have key pattern {_id: 1}");
            }
            return false;
        }
        return true;
    }

    private static boolean alreadyThere(CollectionMeta c, List<IndexMeta> pending, IndexMeta r) {
        List<IndexMeta> existing = new ArrayList<>(c.indexes());
        existing.addAll(pending);
        for (IndexMeta e : existing) {
            boolean sameName = e.name().equals(r.name());
            boolean sameKey = e.keyPattern().equals(r.keyPattern());
            if (sameName && IndexSpecParser.sameIndex(e, r)) {
                return true;
            }
            if (sameName) {
                throw new CommandFailedException(ErrorCode.INDEX_KEY_SPECS_CONFLICT, "An existing index has the same "
                        + "name as the requested index. When index names are not specified, they are auto generated "
                        + "and can cause conflicts. Please refer to our documentation. Requested index: "
                        + r.spec().toJson() + ", existing index: " + e.spec().toJson());
            }
            if (sameKey && IndexSpecParser.sameIndex(e, r)) {
                throw new CommandFailedException(ErrorCode.INDEX_OPTIONS_CONFLICT, "Index already exists with a "
                        + "different name: " + e.name());
            }
            if (sameKey) {
                throw new CommandFailedException(ErrorCode.INDEX_OPTIONS_CONFLICT, "An equivalent index already exists "
                        + "with the same name but different options. Requested index: " + r.spec().toJson()
                        + ", existing index: " + e.spec().toJson());
            }
        }
        return false;
    }
}
