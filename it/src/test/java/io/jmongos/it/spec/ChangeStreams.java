package io.jmongos.it.spec;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;

/** {@code createChangeStream} on a client, database or collection: a cursor entity over raw change events. */
final class ChangeStreams {
    private ChangeStreams() {
    }

    static CursorEntity open(MongoClient client, Args a) {
        ClientSession s = a.session();
        List<BsonDocument> p = a.documents("pipeline");
        return open(s == null ? client.watch(p, BsonDocument.class) : client.watch(s, p, BsonDocument.class), a);
    }

    static CursorEntity open(MongoDatabase db, Args a) {
        ClientSession s = a.session();
        List<BsonDocument> p = a.documents("pipeline");
        return open(s == null ? db.watch(p, BsonDocument.class) : db.watch(s, p, BsonDocument.class), a);
    }

    static CursorEntity open(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        List<BsonDocument> p = a.documents("pipeline");
        return open(s == null ? coll.watch(p, BsonDocument.class) : coll.watch(s, p, BsonDocument.class), a);
    }

    private static CursorEntity open(ChangeStreamIterable<BsonDocument> it, Args a) {
        if (a.has("batchSize")) {
            it.batchSize(a.integer("batchSize"));
        }
        if (a.has("fullDocument")) {
            it.fullDocument(FullDocument.fromString(a.string("fullDocument")));
        }
        if (a.has("fullDocumentBeforeChange")) {
            it.fullDocumentBeforeChange(FullDocumentBeforeChange.fromString(a.string("fullDocumentBeforeChange")));
        }
        if (a.has("resumeAfter")) {
            it.resumeAfter(a.document("resumeAfter"));
        }
        if (a.has("startAfter")) {
            it.startAfter(a.document("startAfter"));
        }
        if (a.has("startAtOperationTime")) {
            it.startAtOperationTime(a.get("startAtOperationTime").asTimestamp());
        }
        if (a.has("maxAwaitTimeMS")) {
            it.maxAwaitTime(a.longValue("maxAwaitTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("comment")) {
            it.comment(a.get("comment"));
        }
        if (a.has("showExpandedEvents")) {
            it.showExpandedEvents(a.bool("showExpandedEvents"));
        }
        a.done();
        return new DriverCursor(it.withDocumentClass(BsonDocument.class).cursor());
    }
}
