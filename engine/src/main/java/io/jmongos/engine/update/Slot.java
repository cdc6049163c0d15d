package io.jmongos.engine.update;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * The place an update modifier works on: a field of a document or an index of an array, which may not exist
 * yet. Setting an array index past the end pads the array with nulls, as MongoDB does.
 */
final class Slot {
    private final BsonValue container;
    private final String field;
    private final int index;
    private final String path;

    private Slot(BsonValue container, String field, int index, String path) {
        this.container = container;
        this.field = field;
        this.index = index;
        this.path = path;
    }

    static Slot inDocument(BsonDocument doc, String field, String path) {
        return new Slot(doc, field, -1, path);
    }

    static Slot inArray(BsonArray arr, int index, String path) {
        return new Slot(arr, Integer.toString(index), index, path);
    }

    /** The current value, or null when missing. */
    BsonValue get() {
        if (index < 0) {
            return container.asDocument().get(field);
        }
        BsonArray arr = container.asArray();
        return index < arr.size() ? arr.get(index) : null;
    }

    void set(BsonValue v) {
        if (index < 0) {
            container.asDocument().put(field, v);
            return;
        }
        BsonArray arr = container.asArray();
        while (arr.size() < index) {
            arr.add(BsonNull.VALUE);
        }
        if (index < arr.size()) {
            arr.set(index, v);
        } else {
            arr.add(v);
        }
    }

    /** Removes a document field; an array element becomes null ($unset semantics). */
    void remove() {
        if (index < 0) {
            container.asDocument().remove(field);
        } else if (index < container.asArray().size()) {
            container.asArray().set(index, BsonNull.VALUE);
        }
    }

    /** The field name (or array index) of this slot. */
    String field() {
        return field;
    }

    /** The full dotted path of this slot, positional operators resolved. */
    String path() {
        return path;
    }
}
