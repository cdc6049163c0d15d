package io.jmongos.engine.command.diag;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** dbStats: collection, object, index counts and sizes (divided by scale). */
public final class DbStatsCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        Namespace.validateDb(op.db());
        long scale = Math.max(1, CommandArgs.integer(op.command(), "scale", 1));
        long objects = 0;
        long data = 0;
        long storage = 0;
        long indexSize = 0;
        int indexes = 0;
        var collections = op.catalog().list(op.db());
        for (CollectionMeta c : collections) {
            CollectionSizes s = CollectionSizes.of(op.services().store(), c);
            objects += s.count();
            data += s.dataSize();
            storage += s.storageSize();
            indexSize += s.indexSize();
            indexes += c.indexes().size() + 1;
        }
        return new BsonDocument("db", new BsonString(op.db())).append("collections", new BsonInt32(collections.size()))
                .append("views", new BsonInt32(op.catalog().views(op.db()).size()))
                .append("objects", new BsonInt64(objects))
                .append("avgObjSize", new BsonDouble(objects == 0 ? 0 : (double) data / objects))
                .append("dataSize", new BsonDouble((double) data / scale))
                .append("storageSize", new BsonDouble((double) storage / scale))
                .append("indexes", new BsonInt32(indexes))
                .append("indexSize", new BsonDouble((double) indexSize / scale))
                .append("totalSize", new BsonDouble((double) (storage + indexSize) / scale))
                .append("scaleFactor", new BsonInt64(scale)).append("ok", new BsonDouble(1));
    }
}
