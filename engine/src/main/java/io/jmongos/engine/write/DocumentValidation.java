package io.jmongos.engine.write;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Collection validators (create/collMod {@code validator}, {@code validationLevel}, {@code validationAction}):
 * a document written must match the validator unless the level is "off", the action "warn", the command
 * bypasses validation, or (level "moderate") an updated document did not match before either. A failure is
 * 121 DocumentValidationFailure with {@code errInfo: {failingDocumentId, details}}.
 */
public final class DocumentValidation {
    private DocumentValidation() {
    }

    /** Checks a validator and its options when a collection is created or modified. */
    public static void checkOptions(BsonDocument options) {
        BsonValue v = options.get("validator");
        if (v != null) {
            if (!v.isDocument()) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "'validator' must be an object");
            }
            QueryCompiler.compile(v.asDocument());
        }
        BsonValue level = options.get("validationLevel");
        if (level != null && !(level.isString() && java.util.Set.of("off", "strict", "moderate")
                .contains(level.asString().getValue()))) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Enumeration value '" + level
                    + "' for field 'validationLevel' is not a valid value.");
        }
        BsonValue action = options.get("validationAction");
        if (action != null && !(action.isString() && java.util.Set.of("error", "warn")
                .contains(action.asString().getValue()))) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Enumeration value '" + action
                    + "' for field 'validationAction' is not a valid value.");
        }
    }

    /**
     * @param before the document before an update (null for inserts)
     * @param bypass the command's {@code bypassDocumentValidation}
     */
    public static void check(CollectionMeta c, BsonDocument doc, BsonDocument before, boolean bypass) {
        BsonValue v = c.options().get("validator");
        if (bypass || v == null || !v.isDocument() || v.asDocument().isEmpty()) {
            return;
        }
        String level = string(c.options(), "validationLevel", "strict");
        if (level.equals("off") || string(c.options(), "validationAction", "error").equals("warn")) {
            return;
        }
        QueryMatcher matcher = QueryCompiler.compile(v.asDocument());
        if (matcher.matches(doc)) {
            return;
        }
        if (level.equals("moderate") && before != null && !matcher.matches(before)) {
            return;
        }
        BsonDocument details = new BsonDocument("operatorName", new BsonString("$and"))
                .append("specifiedAs", v.asDocument())
                .append("reason", new BsonString("the document does not match the collection's validator"));
        BsonValue id = doc.get("_id");
        BsonDocument errInfo = new BsonDocument("failingDocumentId", id == null ? org.bson.BsonNull.VALUE : id)
                .append("details", details);
        throw new CommandFailedException(ErrorCode.DOCUMENT_VALIDATION_FAILURE, "Document failed validation")
                .with("errInfo", errInfo);
    }

    private static String string(BsonDocument d, String field, String dflt) {
        BsonValue v = d.get(field);
        return v != null && v.isString() ? v.asString().getValue() : dflt;
    }
}
