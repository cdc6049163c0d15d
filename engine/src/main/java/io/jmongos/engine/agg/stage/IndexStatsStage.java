package io.jmongos.engine.agg.stage;

import java.util.Iterator;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.PipelineContext;
import io.jmongos.engine.agg.expr.AggErrors;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $indexStats: {}}: one document per index of the aggregated collection ({@code name}, {@code key},
 * {@code host}, {@code accesses: {ops, since}}, {@code spec}), from {@link PipelineContext#indexStats()}; nothing for
 * a missing collection. First stage only (checked where pipelines are parsed, 40602).
 */
public final class IndexStatsStage implements Stage {
    private IndexStatsStage() {
    }

    public static IndexStatsStage parse(BsonValue spec) {
        if (!spec.isDocument() || !spec.asDocument().isEmpty()) {
            throw AggErrors.fail(28803, "The $indexStats stage specification must be an empty object");
        }
        return new IndexStatsStage();
    }

    @Override
    public String name() {
        return "$indexStats";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        PipelineContext pc = ctx.context();
        if (pc == null || pc.namespace() == null) {
            throw AggErrors.fail(ErrorCode.INVALID_NAMESPACE, "$indexStats must be run against a collection");
        }
        return pc.indexStats().iterator();
    }
}
