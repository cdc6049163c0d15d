package io.jmongos.engine.update;

import java.util.concurrent.atomic.AtomicInteger;

import io.jmongos.engine.query.BsonValueComparator;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** {@code $set $unset $setOnInsert $min $max $currentDate}, and the placeholder a {@code $rename} source holds. */
final class FieldModifiers {
    /** Increment for $currentDate timestamps within one second (MongoDB uses its logical clock). */
    private static final AtomicInteger TIMESTAMP_INCREMENT = new AtomicInteger();

    private FieldModifiers() {
    }

    /** {@code $set}: replaces or creates the field with a copy of the value. */
    static Modifier set(BsonValue value) {
        return (slot, ctx) -> slot.set(copy(value));
    }

    /** {@code $setOnInsert}: {@code $set} when the update inserts (upsert), else nothing. */
    static Modifier setOnInsert(BsonValue value) {
        return new Modifier() {
            @Override
            public void apply(Slot slot, UpdateContext ctx) {
                if (ctx.upsertInsert) {
                    slot.set(copy(value));
                }
            }

            @Override
            public boolean createsMissing(UpdateContext ctx) {
                return ctx.upsertInsert;
            }
        };
    }

    /** {@code $unset}: removes the field; an array element becomes null. */
    static Modifier unset() {
        return new Modifier() {
            @Override
            public void apply(Slot slot, UpdateContext ctx) {
                if (slot.get() != null) {
                    slot.remove();
                }
            }

            @Override
            public boolean createsMissing(UpdateContext ctx) {
                return false;
            }
        };
    }

    /** Holds the source path of a {@code $rename} in the tree (conflict detection only). */
    static Modifier placeholder() {
        return new Modifier() {
            @Override
            public void apply(Slot slot, UpdateContext ctx) {
            }

            @Override
            public boolean createsMissing(UpdateContext ctx) {
                return false;
            }
        };
    }

    /** {@code $min} (sign -1) and {@code $max} (sign 1) in BSON order; a missing field takes the value. */
    static Modifier compare(BsonValue value, int sign) {
        return (slot, ctx) -> {
            BsonValue cur = slot.get();
            if (cur == null || Integer.signum(BsonValueComparator.compare(value, cur)) == sign) {
                slot.set(copy(value));
            }
        };
    }

    /** {@code $currentDate}: the command's date, or a timestamp. */
    static Modifier currentDate(boolean timestamp) {
        return (slot, ctx) -> {
            if (timestamp) {
                int seconds = (int) (ctx.now.getValue() / 1000);
                slot.set(new BsonTimestamp(seconds, TIMESTAMP_INCREMENT.incrementAndGet()));
            } else {
                slot.set(ctx.now);
            }
        };
    }

    static BsonValue copy(BsonValue v) {
        return BsonCopies.value(v);
    }

    /** A document's {@code _id} element for messages. */
    static String idOf(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        return id == null ? "{}" : "{" + BsonRender.element("_id", id) + "}";
    }
}
