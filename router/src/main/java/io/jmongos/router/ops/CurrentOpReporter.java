package io.jmongos.router.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.txn.RouterTransaction;
import io.jmongos.router.txn.TransactionReport;

/**
 * Builds the {@code $currentOp} entries: active operations ({@code type: "op"}), idle connections,
 * idle sessions (transactions open between statements) and idle cursors. {@code client} is the client's
 * address (the PROXY header's source for load-balanced connections), the balancer's address is in
 * {@value ClientInfo#PROXY_ADDRESS_FIELD}.
 */
public final class CurrentOpReporter {
    private static final String HOST_NAME = lookupHostName();

    private final RouterServices sessions;

    public CurrentOpReporter(RouterServices sessions) {
        this.sessions = sessions;
    }

    /** This process's {@code host} as currentOp shows it: the machine's name and the main port. */
    public static String host(RouterServices services) {
        return HOST_NAME + ":" + services.network().mainPort();
    }

    public List<BsonDocument> report(CurrentOpOptions options) {
        long nowNanos = System.nanoTime();
        String now = TransactionReport.ISO.format(Instant.now());
        String host = host(sessions);
        List<BsonDocument> out = new ArrayList<>();
        Set<Long> busyConnections = new HashSet<>();
        for (ActiveOperation op : sessions.operations().snapshot()) {
            busyConnections.add(op.client().connectionId());
            out.add(activeOp(op, host, now, nowNanos));
        }
        if (options.idleConnections()) {
            for (ClientConnectionState c : sessions.connections().openConnections()) {
                if (!busyConnections.contains(c.connectionId())) {
                    BsonDocument d = new BsonDocument("type", new BsonString("op")).append("host", new BsonString(host))
                            .append("desc", new BsonString("conn" + c.connectionId()));
                    ClientInfo.of(c).appendTo(d);
                    out.add(d.append("active", BsonBoolean.FALSE).append("currentOpTime", new BsonString(now)));
                }
            }
        }
        if (options.idleSessions()) {
            for (RouterTransaction t : sessions.transactions().inProgress()) {
                if (!t.active()) {
                    out.add(idleSession(t, host, now, nowNanos));
                }
            }
        }
        if (options.idleCursors()) {
            for (ClusterCursor c : sessions.cursors().snapshot()) {
                if (!c.pinned()) {
                    out.add(idleCursor(c, host));
                }
            }
        }
        return out;
    }

    private BsonDocument activeOp(ActiveOperation op, String host, String now, long nowNanos) {
        BsonDocument d = new BsonDocument("type", new BsonString("op")).append("host", new BsonString(host))
                .append("desc", new BsonString("conn" + op.client().connectionId()));
        op.client().appendTo(d);
        d.append("active", BsonBoolean.TRUE).append("currentOpTime", new BsonString(now))
                .append("opid", new BsonInt32(op.opid()));
        if (op.killed()) {
            d.append("killPending", BsonBoolean.TRUE); // mongod's flag for an operation killOp has marked
        }
        if (op.session().lsid() != null) {
            d.append("lsid", op.session().lsid().toBsonWithUid());
            RouterTransaction t = sessions.transactions().current(op.session().lsid());
            if (op.session().inTransaction() && t != null && t.txnNumber() == op.session().txnNumber()) {
                d.append("transaction", TransactionReport.of(t, nowNanos));
            }
        }
        long micros = (nowNanos - op.startNanos()) / 1000;
        return d.append("secs_running", new BsonInt64(micros / 1_000_000))
                .append("microsecs_running", new BsonInt64(micros))
                .append("op", new BsonString(op.op()))
                .append("ns", new BsonString(op.ns()))
                .append("command", op.command())
                .append("numYields", new BsonInt32(0))
                .append("locks", new BsonDocument())
                .append("waitingForLock", BsonBoolean.FALSE);
    }

    private static BsonDocument idleSession(RouterTransaction t, String host, String now, long nowNanos) {
        BsonDocument d = new BsonDocument("type", new BsonString("idleSession")).append("host", new BsonString(host))
                .append("desc", new BsonString("inactive transaction"));
        ClientInfo last = t.lastClient();
        if (last != null) {
            last.appendTo(d);
        }
        return d.append("active", BsonBoolean.FALSE).append("currentOpTime", new BsonString(now))
                .append("lsid", t.lsid().toBsonWithUid())
                .append("transaction", TransactionReport.of(t, nowNanos));
    }

    private static BsonDocument idleCursor(ClusterCursor c, String host) {
        BsonDocument cursor = new BsonDocument("cursorId", new BsonInt64(c.id()))
                .append("createdDate", new BsonDateTime(c.createdMillis()))
                .append("lastAccessDate", new BsonDateTime(c.lastUsedMillis()))
                .append("nDocsReturned", new BsonInt64(c.docsReturned()))
                .append("nBatchesReturned", new BsonInt64(c.batchesReturned()))
                .append("noCursorTimeout", BsonBoolean.valueOf(c.noCursorTimeout()))
                .append("tailable", BsonBoolean.valueOf(c.tailable()))
                .append("awaitData", BsonBoolean.valueOf(c.awaitData()))
                .append("originatingCommand", c.originatingCommand());
        BsonDocument d = new BsonDocument("type", new BsonString("idleCursor")).append("host", new BsonString(host))
                .append("ns", new BsonString(c.ns()));
        if (c.origin().lsid() != null) {
            d.append("lsid", c.origin().lsid().toBsonWithUid());
        }
        c.origin().client().appendTo(d);
        return d.append("cursor", cursor);
    }

    private static String lookupHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
