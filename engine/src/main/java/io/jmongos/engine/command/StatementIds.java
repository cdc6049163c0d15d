package io.jmongos.engine.command;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Statement ids of a write batch for retryable writes: the {@code stmtIds} array mongos sends, or
 * {@code stmtId} + position, or the position in the batch (what a driver's retry of the same batch gives).
 */
public final class StatementIds {
    private final BsonArray ids;
    private final int first;

    private StatementIds(BsonArray ids, int first) {
        this.ids = ids;
        this.first = first;
    }

    public static StatementIds of(BsonDocument cmd) {
        BsonValue arr = cmd.get("stmtIds");
        if (arr != null && arr.isArray()) {
            return new StatementIds(arr.asArray(), 0);
        }
        BsonValue one = cmd.get("stmtId");
        return new StatementIds(null, one != null && one.isNumber() ? one.asNumber().intValue() : 0);
    }

    public int get(int index) {
        if (ids != null && index < ids.size() && ids.get(index).isNumber()) {
            return ids.get(index).asNumber().intValue();
        }
        return first + index;
    }
}
