package io.jmongos.engine.command.diag;

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
import org.bson.BsonValue;

/** collStats: count, sizes and per-index sizes of one collection (zeros for a missing one, as MongoDB 7). */
public final class CollStatsCommand implements EngineCommand {
    /** The bound below which appendNumber(long long) writes an int32 (1 << 30, bsonobjbuilder.h). */
    private static final long APPEND_NUMBER_INT_LIMIT = 1L << 30;

    @Override
    public BsonDocument run(OperationContext op) {
        Namespace ns = CommandArgs.namespace(op.db(), op.command());
        CollectionMeta c = op.catalog().get(ns);
        if (c == null && op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        long scale = Math.max(1, CommandArgs.integer(op.command(), "scale", 1));
        if (c == null) {
            return missing(ns, scale).append("ok", new BsonDouble(1));
        }
        return storageStats(op.services(), c, scale).append("ok", new BsonDouble(1));
    }

    /** MongoDB 7 answers collStats of a missing collection with zeroed statistics (storage_stats.cpp). */
    static BsonDocument missing(Namespace ns, long scale) {
        return new BsonDocument("ns", new BsonString(ns.full())).append("size", new BsonInt32(0))
                .append("count", new BsonInt32(0)).append("numOrphanDocs", new BsonInt32(0))
                .append("storageSize", new BsonInt32(0)).append("totalSize", new BsonInt32(0))
                .append("nindexes", new BsonInt32(0)).append("totalIndexSize", new BsonInt32(0))
                .append("indexDetails", new BsonDocument()).append("indexSizes", new BsonDocument())
                .append("scaleFactor", new BsonInt32((int) scale));
    }

    /**
     * A statistic as MongoDB's BSONObjBuilder::appendNumber types it: int32 below 2^30 in magnitude, else int64
     * (so drivers and ODMs reading {@code count} or {@code size} as an int get one).
     */
    public static BsonValue number(long n) {
        return Math.abs(n) < APPEND_NUMBER_INT_LIMIT ? new BsonInt32((int) n) : new BsonInt64(n);
    }

    /**
     * A collection's statistics as collStats (and $collStats' storageStats) report them: ns, count, sizes
     * divided by {@code scale}, capped limits, index sizes.
     */
    public static BsonDocument storageStats(EngineServices services, CollectionMeta c, long scale) {
        CollectionSizes s = CollectionSizes.of(services.store(), c);
        BsonDocument indexSizes = new BsonDocument("_id_", number(0));
        for (IndexMeta i : c.indexes()) {
            indexSizes.append(i.name(), number(CollectionSizes.indexSize(services.store(), i) / scale));
        }
        BsonDocument out = new BsonDocument("ns", new BsonString(c.ns().full()))
                .append("count", number(s.count()))
                .append("size", number(s.dataSize() / scale))
                .append("avgObjSize", new BsonInt32((int) (s.count() == 0 ? 0 : s.dataSize() / s.count())))
                .append("storageSize", number(s.storageSize() / scale))
                .append("capped", BsonBoolean.valueOf(c.capped()));
        if (c.capped()) {
            out.append("max", number(c.cappedMax())).append("maxSize", number(c.cappedSize() / scale));
        }
        return out.append("nindexes", new BsonInt32(c.indexes().size() + 1))
                .append("totalIndexSize", number(s.indexSize() / scale)).append("indexSizes", indexSizes)
                .append("totalSize", number((s.storageSize() + s.indexSize()) / scale))
                .append("scaleFactor", new BsonInt32((int) Math.min(Integer.MAX_VALUE, scale)));
    }
}
