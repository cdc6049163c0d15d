package io.jmongos.router.session;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.router.RouterServices;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorKillReason;
import io.jmongos.router.status.ServerStatusSection;
import io.jmongos.router.status.ServerStatusSections;

/**
 * The serverStatus sections of the session layer: {@code transactions} (mongos's router transaction metrics
 * plus {@code abortedByLoadBalancerDisconnect}), {@code metrics.cursor} (with
 * {@code killedByLoadBalancerDisconnect}) and {@code logicalSessionRecordCache}.
 */
public final class SessionStatusSections {
    private SessionStatusSections() {
    }

    public static void register(ServerStatusSections sections, RouterServices s) {
        sections.register(section("transactions", () -> s.transactions().metrics().toBson()));
        sections.register(section("metrics", () -> new BsonDocument("cursor", cursorMetrics(s.cursors()))));
        sections.register(section("logicalSessionRecordCache", () -> new BsonDocument("activeSessionsCount",
                new BsonInt32(s.sessions().cache().size()))));
    }

    /** {@code metrics.cursor}: MongoDB's fields plus the router's kill counters. */
    public static BsonDocument cursorMetrics(ClusterCursorManager c) {
        return new BsonDocument("timedOut", new BsonInt64(c.killedCount(CursorKillReason.TIMEOUT)))
                .append("totalOpened", new BsonInt64(c.totalOpened()))
                .append("open", new BsonDocument("noTimeout", new BsonInt64(c.openNoTimeout()))
                        .append("pinned", new BsonInt64(c.openPinned()))
                        .append("total", new BsonInt64(c.openTotal())))
                .append("killedByLoadBalancerDisconnect",
                        new BsonInt64(c.killedCount(CursorKillReason.LOAD_BALANCER_DISCONNECT)))
                .append("killedBySessionEnd", new BsonInt64(c.killedCount(CursorKillReason.SESSION_ENDED)))
                .append("killedByTransactionEnd", new BsonInt64(c.killedCount(CursorKillReason.TRANSACTION_ENDED)));
    }

    private static ServerStatusSection section(String name, java.util.function.Supplier<BsonValue> report) {
        return new ServerStatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BsonValue report() {
                return report.get();
            }
        };
    }
}
