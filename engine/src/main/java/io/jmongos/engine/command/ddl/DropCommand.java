package io.jmongos.engine.command.ddl;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.ViewMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * drop: removes a collection, its documents and indexes, or a view; dropping a missing collection succeeds
 * (MongoDB 7).
 */
public final class DropCommand implements EngineCommand {
    /** mongod's plan-restore message for a cursor whose collection was dropped (query_yield / restoreState). */
    static String droppedReason(CollectionMeta c) {
        return "collection dropped. UUID " + c.uuid();
    }

    @Override
    public BsonDocument run(OperationContext op) {
        Namespace ns = CommandArgs.namespace(op.db(), op.command());
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            ViewMeta view = catalog.view(ns);
            if (view != null) {
                catalog.dropView(view);
                return new BsonDocument("ns", new BsonString(ns.full())).append("ok", new BsonDouble(1));
            }
            CollectionMeta c = catalog.get(ns);
            if (c == null) {
                return new BsonDocument("ok", new BsonDouble(1));
            }
            catalog.drop(c);
            op.services().cursors().killPlans(ns.full(), DropCommand.droppedReason(c));
            op.services().changes().recorder().dropped(c);
            return new BsonDocument("nIndexesWas", new BsonInt32(c.indexes().size() + 1))
                    .append("ns", new BsonString(ns.full())).append("ok", new BsonDouble(1));
        }
    }
}
