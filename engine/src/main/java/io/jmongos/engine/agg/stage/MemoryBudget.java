package io.jmongos.engine.agg.stage;

import java.util.Map;

import io.jmongos.engine.agg.expr.AggErrors;

import org.bson.BsonValue;

/**
 * Approximate memory held by one blocking stage; exceeding the limit fails with MongoDB's 292
 * QueryExceededMemoryLimitNoDiskUseAllowed (jmongos never spills to disk).
 */
public final class MemoryBudget {
    /** MongoDB's code for a blocking stage over its memory limit without spilling. */
    public static final int EXCEEDED_CODE = 292;
    /** Rough per-object overhead of a Java-held BSON value, in bytes. */
    private static final int OVERHEAD = 16;

    private final String stage;
    private final long limit;
    private long used;

    public MemoryBudget(String stage, long limit) {
        this.stage = stage;
        this.limit = limit;
    }

    /** Adds {@code bytes}; fails once the total exceeds the limit. */
    public void add(long bytes) {
        used += bytes;
        if (used > limit) {
            String msg = stage.equals("$sort")
                    ? "Sort exceeded memory limit of " + limit + " bytes, but did not opt in to external sorting."
                    : "Exceeded memory limit for " + stage + ", but didn't allow external sort. Pass "
                    + "allowDiskUse:true to opt in.";
            throw AggErrors.fail(EXCEEDED_CODE, msg);
        }
    }

    public void release(long bytes) {
        used -= bytes;
    }

    public long used() {
        return used;
    }

    /** An estimate of the memory a value takes (about its BSON size plus object overhead). */
    public static long sizeOf(BsonValue v) {
        if (v == null) {
            return 0;
        }
        switch (v.getBsonType()) {
            case DOCUMENT: {
                long n = OVERHEAD + 5;
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    n += e.getKey().length() + 2 + sizeOf(e.getValue());
                }
                return n;
            }
            case ARRAY: {
                long n = OVERHEAD + 5;
                for (BsonValue e : v.asArray()) {
                    n += 4 + sizeOf(e);
                }
                return n;
            }
            case STRING:
                return OVERHEAD + 5 + 2L * v.asString().getValue().length();
            case BINARY:
                return OVERHEAD + 5 + v.asBinary().getData().length;
            default:
                return OVERHEAD + 8;
        }
    }
}
