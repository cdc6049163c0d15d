package io.jmongos.engine.cursor;

import io.jmongos.engine.exec.DocumentStream;
import org.bson.BsonDocument;

/**
 * A shard cursor: a document stream over a snapshot (or over an open transaction), the namespace it
 * belongs to, the session that opened it and a document held back when a batch was full.
 */
public final class EngineCursor {
    private final long id;
    private final String ns;
    private final DocumentStream stream;
    private final AutoCloseable resources;
    private final BsonDocument lsid;
    private final Long txnNumber;
    private final BsonDocument originatingCommand;
    private BsonDocument pending;
    private boolean closed;
    private String killedBecause;
    private volatile long lastUsedMillis = System.currentTimeMillis();

    EngineCursor(long id, String ns, DocumentStream stream, AutoCloseable resources, BsonDocument lsid,
                 Long txnNumber, BsonDocument originatingCommand) {
        this.id = id;
        this.ns = ns;
        this.stream = stream;
        this.resources = resources;
        this.lsid = lsid;
        this.txnNumber = txnNumber;
        this.originatingCommand = originatingCommand;
    }

    public long id() {
        return id;
    }

    public String ns() {
        return ns;
    }

    public BsonDocument lsid() {
        return lsid;
    }

    /** The transaction number when opened inside a multi-statement transaction, else null. */
    public Long txnNumber() {
        return txnNumber;
    }

    public BsonDocument originatingCommand() {
        return originatingCommand;
    }

    public long lastUsedMillis() {
        return lastUsedMillis;
    }

    /** Sets the deadline of the command about to pull from this cursor. */
    public void setDeadline(io.jmongos.engine.exec.Deadline deadline) {
        stream.setDeadline(deadline);
    }

    DocumentStream stream() {
        return stream;
    }

    BsonDocument takePending() {
        BsonDocument d = pending;
        pending = null;
        return d;
    }

    void setPending(BsonDocument doc) {
        pending = doc;
    }

    void touch() {
        lastUsedMillis = System.currentTimeMillis();
    }

    boolean isClosed() {
        return closed;
    }

    /** Why the cursor's plan was killed under it (its collection dropped or renamed), else null. */
    String killedBecause() {
        return killedBecause;
    }

    /** Frees the stream and snapshot now; the next getMore fails with {@code why}. Caller holds the monitor. */
    void killPlan(String why) {
        if (!closed) {
            killedBecause = why;
            close();
        }
    }

    /** Closes the stream and releases its snapshot; idempotent. Caller holds the cursor's monitor. */
    void close() {
        if (!closed) {
            closed = true;
            try {
                stream.close();
            } finally {
                if (resources != null) {
                    try {
                        resources.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("closing cursor resources", e);
                    }
                }
            }
        }
    }
}
