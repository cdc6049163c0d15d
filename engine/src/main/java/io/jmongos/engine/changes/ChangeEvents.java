package io.jmongos.engine.changes;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * Change events as MongoDB shapes them: {@code _id} (the resume token), {@code operationType},
 * {@code clusterTime}, {@code wallTime}, {@code fullDocument}, {@code ns}, {@code documentKey},
 * {@code updateDescription}, {@code fullDocumentBeforeChange}, and the {@code invalidate} notification.
 */
public final class ChangeEvents {
    /** ErrorCodes::NoMatchingDocument: a required pre- or post-image is missing. */
    static final int NO_MATCHING_DOCUMENT = 47;

    /** The current version of a changed document, for {@code fullDocument: "updateLookup"}. */
    public interface DocumentLookup {
        /** The document with the record's key in the record's collection (same uuid) now, or null. */
        BsonDocument current(ChangeRecord r);
    }

    private final String fullDocument;
    private final String fullDocumentBefore;
    private final DocumentLookup lookup;

    public ChangeEvents(String fullDocument, String fullDocumentBefore, DocumentLookup lookup) {
        this.fullDocument = fullDocument;
        this.fullDocumentBefore = fullDocumentBefore;
        this.lookup = lookup;
    }

    /** The event of a logged change. */
    public BsonDocument event(ChangeLog.Entry e) {
        ChangeRecord r = e.record();
        BsonDocument doc = header(ResumeToken.event(e.time()), r.kind().operationType(), e.time(), r.wallMillis());
        if (r.kind() == ChangeKind.INSERT || r.kind() == ChangeKind.REPLACE) {
            doc.append("fullDocument", raw(r.postImage()));
        } else if (r.kind() == ChangeKind.UPDATE && !fullDocument.equals("default")) {
            doc.append("fullDocument", postImageOfUpdate(r, e.time()));
        }
        BsonDocument ns = new BsonDocument("db", new BsonString(r.db()));
        if (r.collection() != null) {
            ns.append("coll", new BsonString(r.collection()));
        }
        doc.append("ns", ns);
        if (r.kind().isDocument()) {
            doc.append("documentKey", raw(r.documentKey()));
        }
        if (r.kind() == ChangeKind.UPDATE) {
            doc.append("updateDescription", raw(r.updateDescription()));
        }
        if (!fullDocumentBefore.equals("off") && (r.kind() == ChangeKind.UPDATE || r.kind() == ChangeKind.REPLACE
                || r.kind() == ChangeKind.DELETE)) {
            doc.append("fullDocumentBeforeChange", image(r.preImage(), fullDocumentBefore, "pre", e.time()));
        }
        if (r.txn() != null) {
            doc.append("lsid", raw(r.txn().lsid())).append("txnNumber", new BsonInt64(r.txn().txnNumber()));
        }
        return doc;
    }

    /** The invalidate notification that follows the change at {@code time}. */
    public static BsonDocument invalidate(long time, long wallMillis) {
        return header(ResumeToken.invalidate(time), "invalidate", time, wallMillis);
    }

    private BsonValue postImageOfUpdate(ChangeRecord r, long time) {
        if (fullDocument.equals("updateLookup")) {
            BsonDocument now = lookup.current(r);
            return now == null ? BsonNull.VALUE : now;
        }
        return image(r.postImage(), fullDocument, "post", time);
    }

    private static BsonValue image(byte[] bytes, String mode, String which, long time) {
        if (bytes != null) {
            return raw(bytes);
        }
        if (mode.equals("required")) {
            throw new CommandFailedException(NO_MATCHING_DOCUMENT, "NoMatchingDocument", "Change stream was "
                    + "configured to require a " + which + "-image for all update, delete and replace events, but the "
                    + which + "-image was not found for event at " + new BsonTimestamp(time)
                    + " (enable changeStreamPreAndPostImages on the collection)");
        }
        return BsonNull.VALUE;
    }

    private static BsonDocument header(ResumeToken token, String type, long time, long wallMillis) {
        return new BsonDocument("_id", token.toBson()).append("operationType", new BsonString(type))
                .append("clusterTime", new BsonTimestamp(time)).append("wallTime", new BsonDateTime(wallMillis));
    }

    private static BsonDocument raw(byte[] bytes) {
        return BsonBytes.toDocument(bytes);
    }
}
