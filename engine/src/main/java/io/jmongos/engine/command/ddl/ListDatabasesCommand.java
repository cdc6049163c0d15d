package io.jmongos.engine.command.ddl;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.RocksStore;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** listDatabases: databases holding collections, with approximate sizes; nameOnly and filter. */
public final class ListDatabasesCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        boolean nameOnly = CommandArgs.bool(cmd, "nameOnly", false);
        BsonDocument filter = CommandArgs.document(cmd, "filter", null);
        QueryMatcher matcher = filter == null || filter.isEmpty() ? null : QueryCompiler.compile(filter);
        BsonArray dbs = new BsonArray();
        long total = 0;
        for (String db : op.catalog().databases()) {
            long size = 0;
            for (CollectionMeta c : op.catalog().list(db)) {
                size += size(op.services().store(), c);
            }
            BsonDocument entry = nameOnly ? new BsonDocument("name", new BsonString(db))
                    : new BsonDocument("name", new BsonString(db)).append("sizeOnDisk", new BsonInt64(size))
                            .append("empty", BsonBoolean.FALSE);
            if (matcher == null || matcher.matches(entry)) {
                dbs.add(entry);
                total += size;
            }
        }
        BsonDocument reply = new BsonDocument("databases", dbs);
        if (!nameOnly) {
            reply.append("totalSize", new BsonInt64(total)).append("totalSizeMb", new BsonInt64(total / (1024 * 1024)));
        }
        return reply.append("ok", new BsonDouble(1));
    }

    static long size(RocksStore store, CollectionMeta c) {
        return store.approximateSize(store.records(), c.recordPrefix(), Keys.successor(c.recordPrefix()));
    }
}
