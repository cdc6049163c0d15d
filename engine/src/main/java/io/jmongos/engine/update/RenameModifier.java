package io.jmongos.engine.update;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $rename: {from: to}}, applied at the destination: moves the source value there. Neither path may
 * go through an array.
 */
final class RenameModifier implements Modifier {
    private final String[] from;
    private final String fromDotted;
    private final String[] to;
    private final String toDotted;

    RenameModifier(String fromDotted, String toDotted) {
        this.fromDotted = fromDotted;
        this.from = fromDotted.split("\\.", -1);
        this.toDotted = toDotted;
        this.to = toDotted.split("\\.", -1);
    }

    /** Checked before the tree walk reaches the destination (which may create parent documents). */
    void validate(BsonDocument doc) {
        checkNoArray(doc, from, fromDotted, "source");
        checkNoArray(doc, to, toDotted, "destination");
    }

    private static void checkNoArray(BsonDocument doc, String[] parts, String dotted, String role) {
        BsonValue cur = doc;
        for (String part : parts) {
            if (cur == null || !cur.isDocument()) {
                return;
            }
            BsonValue next = cur.asDocument().get(part);
            if (next != null && next.isArray()) {
                throw UpdateErrors.badValue("The " + role + " field cannot be an array element, '" + dotted
                        + "' in doc with " + BsonRender.element(part, next) + " has an array field called '"
                        + part + "'");
            }
            cur = next;
        }
    }

    @Override
    public void apply(Slot slot, UpdateContext ctx) {
        BsonValue parent = ctx.working;
        for (int i = 0; i < from.length - 1; i++) {
            if (parent == null || !parent.isDocument()) {
                return;
            }
            parent = parent.asDocument().get(from[i]);
        }
        if (parent == null || !parent.isDocument()) {
            return;
        }
        BsonValue value = parent.asDocument().get(from[from.length - 1]);
        if (value == null) {
            return;
        }
        parent.asDocument().remove(from[from.length - 1]);
        slot.set(value);
    }

    @Override
    public boolean createsMissing(UpdateContext ctx) {
        BsonValue cur = ctx.working;
        for (String part : from) {
            if (cur == null || !cur.isDocument()) {
                return false;
            }
            cur = cur.asDocument().get(part);
        }
        return cur != null;
    }
}
