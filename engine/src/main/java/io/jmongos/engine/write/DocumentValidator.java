package io.jmongos.engine.write;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

/**
 * Checks documents before they are stored, with mongod's messages ({@code fixDocumentForInsert} and the
 * update path): size at most 16 MiB, nesting at most 180 levels ({@link DocumentDepth}), a valid _id (not an
 * array, regex or undefined, no '$'-prefixed field names inside it), _id placed first and generated when missing.
 * Other '$'-prefixed field names are stored, as MongoDB 5.0+ does.
 */
public final class DocumentValidator {
    /** MongoDB's code when an update makes a document exceed 16 MiB (error 17419). */
    public static final int UPDATE_TOO_LARGE = 17419;

    private DocumentValidator() {
    }

    /** The document to insert: _id first (a new ObjectId when missing). */
    public static BsonDocument forInsert(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        BsonDocument out;
        if (id != null && doc.getFirstKey().equals("_id")) {
            out = doc;
        } else {
            out = new BsonDocument("_id", id == null ? new BsonObjectId() : id);
            for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
                if (!e.getKey().equals("_id")) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        checkFields(out);
        DocumentDepth.checkInsert(out);
        return out;
    }

    /** Checks a stored form's size; returns its bytes. */
    public static byte[] bytesForInsert(BsonDocument doc) {
        byte[] bytes = BsonBytes.toBytes(doc);
        if (bytes.length > Limits.MAX_BSON_OBJECT_SIZE) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "object to insert too large. size in bytes: "
                    + bytes.length + ", max size: " + Limits.MAX_BSON_OBJECT_SIZE);
        }
        return bytes;
    }

    /** Checks a document produced by an update; returns its bytes. */
    public static byte[] bytesForUpdate(BsonDocument doc) {
        checkFields(doc);
        DocumentDepth.checkUpdate(doc);
        byte[] bytes = BsonBytes.toBytes(doc);
        if (bytes.length > Limits.MAX_BSON_OBJECT_SIZE) {
            throw new CommandFailedException(UPDATE_TOO_LARGE, "Location17419",
                    "Resulting document after update is larger than " + Limits.MAX_BSON_OBJECT_SIZE);
        }
        return bytes;
    }

    private static void checkFields(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        if (id == null) {
            return;
        }
        switch (id.getBsonType()) {
            case ARRAY: throw new CommandFailedException(ErrorCode.BAD_VALUE, "can't use an array for _id");
            case REGULAR_EXPRESSION: throw new CommandFailedException(ErrorCode.BAD_VALUE, "can't use a regex for _id");
            case UNDEFINED: throw new CommandFailedException(ErrorCode.BAD_VALUE, "can't use a undefined for _id");
            case DOCUMENT: checkIdFields(id.asDocument()); break;
            default: break;
        }
    }

    /** MongoDB 5.0+: '$' field names are allowed anywhere except inside _id (SERVER-75880). */
    private static void checkIdFields(BsonDocument d) {
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            if (e.getKey().startsWith("$")) {
                throw new CommandFailedException(ErrorCode.DOLLAR_PREFIXED_FIELD_NAME, "_id fields may not contain "
                        + "'$'-prefixed fields: " + e.getKey() + " is not valid for storage.");
            }
            if (e.getValue().isDocument()) {
                checkIdFields(e.getValue().asDocument());
            }
        }
    }
}
