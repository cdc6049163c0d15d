package io.jmongos.router.ops;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/**
 * A command running now, as currentOp reports it. What only currentOp and killOp read (the namespace, the
 * session fields) is worked out from the command on first use, not for every command.
 */
public final class ActiveOperation {
    private final int opid;
    private final ClientInfo client;
    private final String name;
    private final String db;
    private final BsonDocument command;
    private final BsonDocument shown;
    private final long startWallMillis;
    private final long startNanos;
    private volatile boolean killed;
    private volatile String ns;
    private volatile OperationSessionInfo session;

    /**
     * @param command the command as run
     * @param shown   the command as currentOp shows it (redacted for commands whose spec asks for it)
     */
    ActiveOperation(int opid, ClientInfo client, String name, String db, BsonDocument command, BsonDocument shown,
                    long startWallMillis, long startNanos) {
        this.opid = opid;
        this.client = client;
        this.name = name;
        this.db = db;
        this.command = command;
        this.shown = shown;
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
        return OperationRegistry.opType(name);
    }

    public String ns() {
        String n = ns;
        if (n == null) {
            n = OperationRegistry.namespace(name, db, command);
            ns = n;
        }
        return n;
    }

    /** The command as shown (redacted for commands whose spec asks for it). */
    public BsonDocument command() {
        return shown;
    }

    /** The command's session fields; none when they are malformed (the session layer reports that). */
    public OperationSessionInfo session() {
        OperationSessionInfo s = session;
        if (s == null) {
            try {
                s = OperationSessionInfo.parse(command);
            } catch (CommandFailedException e) {
                s = OperationSessionInfo.NONE;
            }
            session = s;
        }
        return s;
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
