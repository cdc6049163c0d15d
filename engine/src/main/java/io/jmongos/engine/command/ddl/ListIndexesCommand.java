package io.jmongos.engine.command.ddl;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.exec.ListStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** listIndexes: a cursor over the collection's index specs, _id_ first; 26 for a missing collection. */
public final class ListIndexesCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace ns = CommandArgs.namespace(op.db(), cmd);
        CollectionMeta c = op.catalog().get(ns);
        if (c == null && op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        if (c == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "ns does not exist: " + ns.full());
        }
        List<BsonDocument> out = new ArrayList<>();
        out.add(new BsonDocument("v", new BsonInt32(2)).append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("name", new BsonString(CollectionMeta.ID_INDEX_NAME)));
        for (IndexMeta i : c.indexes()) {
            out.add(i.spec());
        }
        BsonDocument cursor = CommandArgs.document(cmd, "cursor", null);
        // mongos reports the collection's own namespace (getMore then names the collection)
        return CursorReplies.open(op, ns.full(), new ListStream(out), null,
                cursor == null ? Long.MAX_VALUE : CursorReplies.firstBatchSize(cmd, cursor), false);
    }
}
