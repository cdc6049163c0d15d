package io.jmongos.engine.command.ddl;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.changes.ChangeStreamImagesOption;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * create: an empty collection, a capped one ({@link CappedOptions}) or a view ({@link CreateView}).
 * Time-series, clustered collections and collations are refused clearly. Creating an existing collection with
 * the same options succeeds (MongoDB 7), with other options fails with 48 NamespaceExists. Inside a transaction
 * (MongoDB 4.4+) the creation is pending: others see the collection once the transaction commits.
 */
public final class CreateCommand implements EngineCommand {
    @Override
    public io.jmongos.engine.command.TxnRole txnRole() {
        return io.jmongos.engine.command.TxnRole.IN_TRANSACTION;
    }

    /** Command fields that are not collection options. */
    private static final Set<String> NOT_OPTIONS = Set.of("create", "$db", "lsid", "txnNumber", "autocommit",
            "startTransaction", "writeConcern", "readConcern", "comment", "maxTimeMS", "$clusterTime",
            "$readPreference", "apiVersion", "apiStrict", "apiDeprecationErrors");

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace ns = CommandArgs.namespace(op.db(), cmd);
        io.jmongos.engine.catalog.SystemNamespaces.checkUserWrite(ns);
        BsonDocument options = new BsonDocument();
        for (var e : cmd.entrySet()) {
            if (!NOT_OPTIONS.contains(e.getKey())) {
                options.put(e.getKey(), e.getValue());
            }
        }
        if (options.containsKey("viewOn") || options.containsKey("pipeline")) {
            return CreateView.create(op, ns, cmd, options);
        }
        options = CappedOptions.normalize(cmd, options);
        ChangeStreamImagesOption.check(options);
        for (String unsupported : new String[] {"timeseries", "clusteredIndex", "encryptedFields"}) {
            BsonValue v = options.get(unsupported);
            if (v != null && !(v.isBoolean() && !v.asBoolean().getValue())) {
                throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "the '" + unsupported
                        + "' option of create is not supported by the jmongos embedded engine");
            }
        }
        io.jmongos.engine.command.crud.Collation.refuse(cmd);
        io.jmongos.engine.write.DocumentValidation.checkOptions(options);
        if (op.inTransaction()) {
            try (Catalog.Held h = op.catalog().shared()) {
                if (op.collection(ns) != null || op.catalog().view(ns) != null) {
                    throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "Collection already exists. NS: "
                            + ns.full());
                }
                op.createPending(ns, options);
            }
            return new BsonDocument("ok", new BsonDouble(1));
        }
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            if (catalog.view(ns) != null) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "namespace " + ns.full()
                        + " already exists, but with different options: " + catalog.view(ns).options().toJson());
            }
            CollectionMeta existing = catalog.get(ns);
            if (existing != null) {
                if (!existing.options().equals(options)) {
                    throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "namespace " + ns.full()
                            + " already exists, but with different options: " + existing.options().toJson());
                }
            } else {
                catalog.create(ns, options);
            }
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
