package io.jmongos.engine.command.diag;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.EngineServices;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** collStats: count, sizes and per-index sizes of one collection. */
public final class CollStatsCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        Namespace ns = CommandArgs.namespace(op.db(), op.command());
        CollectionMeta c = op.catalog().get(ns);
        if (c == null && op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        if (c == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "Collection [" + ns.full()
                    + "] not found.");
        }
        long scale = Math.max(1, CommandArgs.integer(op.command(), "scale", 1));
        return storageStats(op.services(), c, scale).append("ok", new BsonDouble(1));
    }

    /**
     * A collection's statistics as collStats (and $collStats' storageStats) report them: ns, count, sizes
     * divided by {@code scale}, capped limits, index sizes.
     */
    public static BsonDocument storageStats(EngineServices services, CollectionMeta c, long scale) {
        CollectionSizes s = CollectionSizes.of(services.store(), c);
        BsonDocument indexSizes = new BsonDocument("_id_", new BsonInt64(0));
        for (IndexMeta i : c.indexes()) {
            indexSizes.append(i.name(), new BsonInt64(CollectionSizes.indexSize(services.store(), i) / scale));
        }
        BsonDocument out = new BsonDocument("ns", new BsonString(c.ns().full()))
                .append("count", new BsonInt64(s.count()))
                .append("size", new BsonInt64(s.dataSize() / scale))
                .append("avgObjSize", new BsonInt64(s.count() == 0 ? 0 : s.dataSize() / s.count()))
                .append("storageSize", new BsonInt64(s.storageSize() / scale))
                .append("capped", BsonBoolean.valueOf(c.capped()));
        if (c.capped()) {
            out.append("max", new BsonInt64(c.cappedMax())).append("maxSize", new BsonInt64(c.cappedSize() / scale));
        }
        return out.append("nindexes", new BsonInt32(c.indexes().size() + 1))
                .append("totalIndexSize", new BsonInt64(s.indexSize() / scale)).append("indexSizes", indexSizes)
                .append("scaleFactor", new BsonInt64(scale));
    }
}
