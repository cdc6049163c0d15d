package io.jmongos.engine.command.ddl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.ViewMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.exec.ListStream;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.UuidRepresentation;

/** listCollections: a cursor over the database's collections and views (filter, nameOnly, cursor.batchSize). */
public final class ListCollectionsCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace.validateDb(op.db());
        boolean nameOnly = CommandArgs.bool(cmd, "nameOnly", false);
        BsonDocument filter = CommandArgs.document(cmd, "filter", null);
        QueryMatcher matcher = filter == null || filter.isEmpty() ? null : QueryCompiler.compile(filter);
        List<BsonDocument> out = new ArrayList<>();
        for (CollectionMeta c : op.catalog().list(op.db())) {
            BsonDocument entry = new BsonDocument("name", new BsonString(c.ns().collection()))
                    .append("type", new BsonString("collection"));
            if (!nameOnly) {
                entry.append("options", c.options())
                        .append("info", new BsonDocument("readOnly", BsonBoolean.FALSE)
                                .append("uuid", new BsonBinary(c.uuid(), UuidRepresentation.STANDARD)))
                        .append("idIndex", new BsonDocument("v", new BsonInt32(2))
                                .append("key", new BsonDocument("_id", new BsonInt32(1)))
                                .append("name", new BsonString(CollectionMeta.ID_INDEX_NAME)));
            }
            if (matcher == null || matcher.matches(entry)) {
                out.add(entry);
            }
        }
        for (ViewMeta v : op.catalog().views(op.db())) {
            BsonDocument entry = new BsonDocument("name", new BsonString(v.ns().collection()))
                    .append("type", new BsonString("view"));
            if (!nameOnly) {
                entry.append("options", v.options()).append("info", new BsonDocument("readOnly", BsonBoolean.TRUE));
            }
            if (matcher == null || matcher.matches(entry)) {
                out.add(entry);
            }
        }
        out.sort(Comparator.comparing(e -> e.getString("name").getValue()));
        BsonDocument cursor = CommandArgs.document(cmd, "cursor", null);
        return CursorReplies.open(op, op.db() + ".$cmd.listCollections", new ListStream(out), null,
                cursor == null ? Long.MAX_VALUE : CursorReplies.firstBatchSize(cmd, cursor), false);
    }
}
