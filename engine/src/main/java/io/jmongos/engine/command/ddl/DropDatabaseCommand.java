package io.jmongos.engine.command.ddl;

import java.util.List;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.ViewMeta;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonString;

/** dropDatabase: drops every collection and view of the database. */
public final class DropDatabaseCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        Namespace.validateDb(op.db());
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            List<CollectionMeta> dropped = catalog.list(op.db());
            for (CollectionMeta c : dropped) {
                catalog.drop(c);
                op.services().cursors().killPlans(c.ns().full(), DropCommand.droppedReason(c));
            }
            for (ViewMeta v : catalog.views(op.db())) {
                catalog.dropView(v);
            }
            op.services().changes().recorder().droppedDatabase(op.db(), dropped);
        }
        return new BsonDocument("dropped", new BsonString(op.db())).append("ok", new BsonDouble(1));
    }
}
