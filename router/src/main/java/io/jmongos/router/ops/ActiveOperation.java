package io.jmongos.router.ops;

import org.bson.BsonDocument;

import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/** A command running now, as currentOp reports it. */
public final class ActiveOperation {
    private final int opid;
    private final ClientInfo client;
    private final String op;
    private final String ns;
    private final BsonDocument command;
    private final OperationSessionInfo session;
    private final long startWallMillis;
    private final long startNanos;
    private volatile boolean killed;

    ActiveOperation(int opid, ClientInfo client, String op, String ns, BsonDocument command,
                    OperationSessionInfo session, long startWallMillis, long startNanos) {
        this.opid = opid;
        this.client = client;
        this.op = op;
        this.ns = ns;
        this.command = command;
        this.session = session;
        this.startWallMillis = startWallMillis;
        this.startNanos = startNanos;
    }

    public int opid() {
        return opid;
    }

    public ClientInfo client() {
        return client;
    }

    /** currentOp's {@code op}: query, getmore, insert, update, remove or command. */
    public String op() {
        return op;
    }

    public String ns() {
        return ns;
    }

    /** The command as shown (redacted for commands whose spec asks for it). */
    public BsonDocument command() {
        return command;
    }

    public OperationSessionInfo session() {
        return session;
    }

    public long startWallMillis() {
        return startWallMillis;
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean killed() {
        return killed;
    }

    void kill() {
        killed = true;
    }
}
