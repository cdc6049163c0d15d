package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.PipelineContext;
import io.jmongos.engine.agg.expr.AggErrors;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $collStats: {latencyStats?: {histograms?}, storageStats?: {scale?}, count?: {}, queryExecStats?: {}}}:
 * a source stage (only valid first) whose one output document describes the aggregated collection:
 * {@code ns, host, localTime} and the parts asked for. The engine keeps no latency or query statistics: those
 * parts report zeros.
 */
public final class CollStatsStage implements Stage {
    /** MongoDB's code for a stage whose specification is not an object. */
    static final int SPEC_NOT_OBJECT = 5447000;
    /** The code of an IDL parse failure for an unknown field. */
    static final int UNKNOWN_FIELD = 40415;
    /** The code of an IDL validator failure (a value out of its declared range). */
    static final int VALUE_OUT_OF_RANGE = 51024;

    private final boolean latency;
    private final Long scale;
    private final boolean count;
    private final boolean queryExec;

    private CollStatsStage(boolean latency, Long scale, boolean count, boolean queryExec) {
        this.latency = latency;
        this.scale = scale;
        this.count = count;
        this.queryExec = queryExec;
    }

    public static CollStatsStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(SPEC_NOT_OBJECT, "$collStats must take a nested object but found: $collStats: "
                    + (spec.isNull() ? "null" : spec.toString()));
        }
        boolean latency = false;
        Long scale = null;
        boolean count = false;
        boolean queryExec = false;
        for (var e : spec.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "latencyStats" -> latency = object(e.getKey(), e.getValue()) != null;
                case "storageStats" -> scale = scale(object(e.getKey(), e.getValue()));
                case "count" -> count = object(e.getKey(), e.getValue()) != null;
                case "queryExecStats" -> queryExec = object(e.getKey(), e.getValue()) != null;
                default -> throw AggErrors.fail(UNKNOWN_FIELD, "BSON field '$collStats." + e.getKey()
                        + "' is an unknown field.");
            }
        }
        return new CollStatsStage(latency, scale, count, queryExec);
    }

    private static BsonDocument object(String field, BsonValue v) {
        if (!v.isDocument()) {
            throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "BSON field '$collStats." + field + "' is the wrong type '"
                    + typeName(v) + "', expected type 'object'");
        }
        return v.asDocument();
    }

    private static long scale(BsonDocument storage) {
        BsonValue v = storage.get("scale");
        if (v == null) {
            return 1;
        }
        if (!v.isNumber()) {
            throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "BSON field 'scale' is the wrong type '" + typeName(v)
                    + "', expected types '[long, int, decimal, double']");
        }
        long s = v.isDouble() ? (long) v.asDouble().getValue() : v.asNumber().longValue();
        if (s < 1) {
            throw AggErrors.fail(VALUE_OUT_OF_RANGE, "BSON field 'scale' value must be >= 1, actual value '" + s
                    + "'");
        }
        return s;
    }

    private static String typeName(BsonValue v) {
        return switch (v.getBsonType()) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case ARRAY -> "array";
            case BOOLEAN -> "bool";
            case NULL -> "null";
            case INT32 -> "int";
            case INT64 -> "long";
            default -> v.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public String name() {
        return "$collStats";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        PipelineContext pc = ctx.context();
        if (pc == null || pc.namespace() == null) {
            throw AggErrors.fail(ErrorCode.INVALID_NAMESPACE, "$collStats must be run against a collection");
        }
        BsonDocument out = new BsonDocument("ns", new BsonString(pc.namespace()))
                .append("host", new BsonString(pc.host()))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()));
        if (latency) {
            BsonDocument zero = new BsonDocument("latency", new BsonInt64(0)).append("ops", new BsonInt64(0));
            out.append("latencyStats", new BsonDocument("reads", zero).append("writes", zero.clone())
                    .append("commands", zero.clone()).append("transactions", zero.clone()));
        }
        if (scale != null) {
            out.append("storageStats", stats(pc, scale, "storageStats"));
        }
        if (count) {
            out.append("count", stats(pc, 1, "count").get("count"));
        }
        if (queryExec) {
            out.append("queryExecStats", new BsonDocument("collectionScans", new BsonDocument("total",
                    new BsonInt64(0)).append("nonTailable", new BsonInt64(0))));
        }
        return List.of(out).iterator();
    }

    private static BsonDocument stats(PipelineContext pc, long scale, String part) {
        try {
            return pc.storageStats(scale);
        } catch (CommandFailedException e) {
            throw new CommandFailedException(e.code(), e.codeName(), "Unable to retrieve " + part
                    + " in $collStats stage :: caused by :: " + e.getMessage());
        }
    }
}
