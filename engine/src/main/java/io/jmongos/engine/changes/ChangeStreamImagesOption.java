package io.jmongos.engine.changes;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.command.CommandArgs;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The collection option {@code changeStreamPreAndPostImages: {enabled: <bool>}}: with it, the change log keeps
 * the documents before and after each update, replace and delete, for {@code fullDocument: "whenAvailable" |
 * "required"} and {@code fullDocumentBeforeChange}.
 */
public final class ChangeStreamImagesOption {
    static final String FIELD = "changeStreamPreAndPostImages";

    private ChangeStreamImagesOption() {
    }

    /** Checks the option's shape (IDL: an object with exactly a boolean {@code enabled}). */
    public static void check(BsonDocument options) {
        BsonValue v = options.get(FIELD);
        if (v == null) {
            return;
        }
        if (!v.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + FIELD + "' is the wrong type '"
                    + CommandArgs.typeName(v) + "', expected type 'object'");
        }
        for (String key : v.asDocument().keySet()) {
            if (!key.equals("enabled")) {
                throw new CommandFailedException(ChangeStreamSpec.UNKNOWN_FIELD,
                        "Location" + ChangeStreamSpec.UNKNOWN_FIELD,
                        "BSON field '" + FIELD + "." + key + "' is an unknown field.");
            }
        }
        BsonValue enabled = v.asDocument().get("enabled");
        if (enabled == null) {
            throw new CommandFailedException(40414, "Location40414", "BSON field '" + FIELD
                    + ".enabled' is missing but a required field");
        }
        if (!enabled.isBoolean()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + FIELD
                    + ".enabled' is the wrong type '" + CommandArgs.typeName(enabled) + "', expected type 'bool'");
        }
    }

    /** True when the collection's options enable images. */
    public static boolean enabled(BsonDocument options) {
        BsonValue v = options.get(FIELD);
        if (v == null || !v.isDocument()) {
            return false;
        }
        BsonValue enabled = v.asDocument().get("enabled");
        return enabled != null && enabled.isBoolean() && enabled.asBoolean().getValue();
    }
}
