package io.jmongos.engine.command.ddl;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.write.DocumentValidation;
import org.bson.BsonDocument;
import org.bson.BsonDouble;

/** collMod: changes a collection's validator, validationLevel and validationAction (other options refused). */
public final class CollModCommand implements EngineCommand {
    private static final Set<String> OPTIONS = Set.of("validator", "validationLevel", "validationAction");
    private static final Set<String> IGNORED = Set.of("collMod", "$db", "lsid", "txnNumber", "writeConcern",
            "comment", "maxTimeMS", "$clusterTime", "$readPreference", "apiVersion", "apiStrict",
            "apiDeprecationErrors");

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace ns = CommandArgs.namespace(op.db(), cmd);
        BsonDocument changes = new BsonDocument();
        for (var e : cmd.entrySet()) {
            if (OPTIONS.contains(e.getKey())) {
                changes.put(e.getKey(), e.getValue());
            } else if (!IGNORED.contains(e.getKey())) {
                throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "collMod option '" + e.getKey()
                        + "' is not supported by the jmongos embedded engine");
            }
        }
        DocumentValidation.checkOptions(changes);
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta c = catalog.get(ns);
            if (c == null && catalog.view(ns) != null) {
                throw Views.notACollection(ns);
            }
            if (c == null) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "ns does not exist: " + ns.full());
            }
            BsonDocument options = c.options().clone();
            changes.forEach(options::put);
            catalog.publish(new CollectionMeta(c.ns(), c.uuid(), c.id(), options, c.indexes(), c.version() + 1));
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
