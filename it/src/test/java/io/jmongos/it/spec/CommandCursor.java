package io.jmongos.it.spec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;

/**
 * A cursor opened by an arbitrary command ({@code runCursorCommand}, {@code createCommandCursor}): the
 * sync driver has no public API for those, so getMore and killCursors are sent as commands, all in
 * one session (a server refuses a getMore from another session than the cursor's).
 */
final class CommandCursor implements CursorEntity {
    private final MongoDatabase db;
    private final ClientSession session;
    private final boolean ownSession;
    private final Integer batchSize;
    private final BsonValue comment;
    private final Deque<BsonDocument> buffer = new ArrayDeque<>();
    private final String collection;
    private long cursorId;

    CommandCursor(MongoDatabase db, ClientSession session, boolean ownSession, BsonDocument command,
                  Integer batchSize, BsonValue comment) {
        this.db = db;
        this.session = session;
        this.ownSession = ownSession;
        this.batchSize = batchSize;
        this.comment = comment;
        BsonDocument reply = db.runCommand(session, command, BsonDocument.class);
        BsonDocument cursor = reply.getDocument("cursor");
        this.cursorId = cursor.getNumber("id").longValue();
        String ns = cursor.getString("ns").getValue();
        this.collection = ns.substring(ns.indexOf('.') + 1);
        cursor.getArray("firstBatch").forEach(d -> buffer.add(d.asDocument()));
    }

    @Override
    public BsonDocument next() {
        while (buffer.isEmpty()) {
            if (cursorId == 0) {
                throw new NoSuchElementException("cursor exhausted");
            }
            getMore();
        }
        return buffer.poll();
    }

    @Override
    public BsonDocument tryNext() {
        if (buffer.isEmpty() && cursorId != 0) {
            getMore();
        }
        return buffer.poll();
    }

    /** Read every remaining document and close (runCursorCommand). */
    BsonArray drain() {
        BsonArray all = new BsonArray();
        try {
            while (!buffer.isEmpty() || cursorId != 0) {
                if (buffer.isEmpty()) {
                    getMore();
                } else {
                    all.add(buffer.poll());
                }
            }
        } finally {
            close();
        }
        return all;
    }

    private void getMore() {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(cursorId))
                .append("collection", new BsonString(collection));
        if (batchSize != null) {
            cmd.append("batchSize", new BsonInt32(batchSize));
        }
        if (comment != null) {
            cmd.append("comment", comment);
        }
        BsonDocument cursor = db.runCommand(session, cmd, BsonDocument.class).getDocument("cursor");
        cursorId = cursor.getNumber("id").longValue();
        cursor.getArray("nextBatch").forEach(d -> buffer.add(d.asDocument()));
    }

    @Override
    public void close() {
        try {
            if (cursorId != 0) {
                long id = cursorId;
                cursorId = 0;
                db.runCommand(session, new BsonDocument("killCursors", new BsonString(collection))
                        .append("cursors", new BsonArray(java.util.List.of(new BsonInt64(id)))), BsonDocument.class);
            }
        } finally {
            buffer.clear();
            if (ownSession) {
                session.close();
            }
        }
    }
}
