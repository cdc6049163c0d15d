package io.jmongos.engine.command.crud;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.Namespace;

/**
 * Whether a command is a point read that the engine answers at once: a {@code find} whose filter is {@code _id}
 * equal to a key-comparable value, on a collection (not a view), with nothing that could make it scan (a hint, min,
 * max) or wait (tailable, awaitData). Such a find reads at most one record by key ({@link IdLookup}) and never
 * waits for a lock, so a caller may run it on a thread that must not block. Checked before the command runs; a
 * collection created or replaced by a view in between only changes which path the find takes, not its result.
 */
public final class PointReadCheck {
    private PointReadCheck() {
    }

    public static boolean isPointRead(Catalog catalog, String db, BsonDocument command) {
        if (command.isEmpty() || !"find".equals(command.getFirstKey())) {
            return false;
        }
        BsonValue coll = command.get("find");
        BsonValue filter = command.get("filter");
        if (coll == null || !coll.isString() || filter == null || !filter.isDocument()
                || filter.asDocument().size() != 1) {
            return false;
        }
        BsonValue id = filter.asDocument().get("_id");
        if (id == null || !IdLookup.pointType(id) || command.containsKey("hint") || command.containsKey("min")
                || command.containsKey("max") || command.containsKey("sort") || isTrue(command.get("tailable"))
                || isTrue(command.get("awaitData"))) {
            return false;
        }
        Namespace ns = new Namespace(db, coll.asString().getValue());
        return catalog.view(ns) == null;
    }

    private static boolean isTrue(BsonValue v) {
        return v != null && (v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().intValue() != 0);
    }
}
