package io.jmongos.engine.changes;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.command.CommandArgs;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * The options of a {@code $changeStream} stage, parsed with MongoDB's IDL errors.
 *
 * @param resumeAfter          resume after this event (or position), or null
 * @param startAfter           start after this event, even an invalidate, or null
 * @param startAtOperationTime start with the changes at or after this time, or null
 * @param fullDocument         {@code default | updateLookup | whenAvailable | required}
 * @param fullDocumentBefore   {@code off | whenAvailable | required}
 * @param allChangesForCluster watch every database (only on admin with {@code aggregate: 1})
 */
public record ChangeStreamSpec(ResumeToken resumeAfter, ResumeToken startAfter, BsonTimestamp startAtOperationTime,
                               String fullDocument, String fullDocumentBefore, boolean allChangesForCluster) {
    /** MongoDB: uassert 50808 (the stage's argument is not a document). */
    static final int NOT_A_DOCUMENT = 50808;
    /** IDL: unknown field. */
    static final int UNKNOWN_FIELD = 40415;
    /** MongoDB: uassert 50865 (resumeAfter and startAfter together). */
    static final int RESUME_AND_START_AFTER = 50865;
    /** MongoDB: uassert 40674 (a token and startAtOperationTime together). */
    static final int TWO_RESUME_OPTIONS = 40674;
    /** ErrorCodes::InvalidResumeToken. */
    static final int INVALID_RESUME_TOKEN = 260;

    static final Set<String> FULL_DOCUMENT = Set.of("default", "updateLookup", "whenAvailable", "required");
    static final Set<String> FULL_DOCUMENT_BEFORE = Set.of("off", "whenAvailable", "required");
    /** Flags MongoDB accepts that change nothing here (no system, migration or expanded events are logged). */
    private static final Set<String> ACCEPTED_FLAGS = Set.of("showExpandedEvents", "showSystemEvents",
            "allowToRunOnConfigDB", "allowToRunOnSystemNS", "showMigrationEvents", "showRawUpdateDescription",
            "$_generateV2ResumeTokens");

    public static ChangeStreamSpec parse(BsonValue value) {
        if (!value.isDocument()) {
            throw new CommandFailedException(NOT_A_DOCUMENT, "Location" + NOT_A_DOCUMENT,
                    "$changeStream stage expects a document as argument");
        }
        BsonDocument d = value.asDocument();
        ResumeToken resumeAfter = null;
        ResumeToken startAfter = null;
        BsonTimestamp atTime = null;
        String full = "default";
        String before = "off";
        boolean all = false;
        for (var e : d.entrySet()) {
            String f = e.getKey();
            BsonValue v = e.getValue();
            switch (f) {
                case "resumeAfter" -> resumeAfter = ResumeToken.parse(typed(f, v, v.isDocument(), "object"));
                case "startAfter" -> startAfter = ResumeToken.parse(typed(f, v, v.isDocument(), "object"));
                case "startAtOperationTime" -> atTime = typed(f, v, v.isTimestamp(), "timestamp").asTimestamp();
                case "fullDocument" -> full = oneOf(f, typed(f, v, v.isString(), "string"), FULL_DOCUMENT);
                case "fullDocumentBeforeChange" ->
                        before = oneOf(f, typed(f, v, v.isString(), "string"), FULL_DOCUMENT_BEFORE);
                case "allChangesForCluster" -> all = typed(f, v, v.isBoolean(), "bool").asBoolean().getValue();
                default -> {
                    if (!ACCEPTED_FLAGS.contains(f)) {
                        throw new CommandFailedException(UNKNOWN_FIELD, "Location" + UNKNOWN_FIELD,
                                "BSON field '$changeStream." + f + "' is an unknown field.");
                    }
                    typed(f, v, v.isBoolean(), "bool");
                }
            }
        }
        if (d.containsKey("showMigrationEvents") && d.getBoolean("showMigrationEvents").getValue()) {
            throw new CommandFailedException(31123, "Location31123",
                    "Change streams from mongos may not show migration events");
        }
        if (resumeAfter != null && startAfter != null) {
            throw new CommandFailedException(RESUME_AND_START_AFTER, "Location" + RESUME_AND_START_AFTER,
                    "Do not specify both 'resumeAfter' and 'startAfter' in a $changeStream stage");
        }
        if (atTime != null && (resumeAfter != null || startAfter != null)) {
            throw new CommandFailedException(TWO_RESUME_OPTIONS, "Location" + TWO_RESUME_OPTIONS,
                    "Only one type of resume option is allowed, but multiple were found");
        }
        if (resumeAfter != null && resumeAfter.type() == ResumeToken.Type.INVALIDATE) {
            throw new CommandFailedException(INVALID_RESUME_TOKEN, "InvalidResumeToken", "Attempting to resume a "
                    + "change stream using 'resumeAfter' is not allowed from an invalidate notification");
        }
        return new ChangeStreamSpec(resumeAfter, startAfter, atTime, full, before, all);
    }

    /** The token to continue after (resumeAfter or startAfter), or null. */
    public ResumeToken token() {
        return resumeAfter != null ? resumeAfter : startAfter;
    }

    private static BsonValue typed(String field, BsonValue v, boolean ok, String expected) {
        if (!ok) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '$changeStream." + field
                    + "' is the wrong type '" + CommandArgs.typeName(v) + "', expected type '" + expected + "'");
        }
        return v;
    }

    private static String oneOf(String field, BsonValue v, Set<String> allowed) {
        String s = v.asString().getValue();
        if (!allowed.contains(s)) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Enumeration value '" + s + "' for field '"
                    + "$changeStream." + field + "' is not a valid value.");
        }
        return s;
    }
}
