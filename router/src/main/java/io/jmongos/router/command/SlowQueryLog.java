package io.jmongos.router.command;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/** Logs commands slower than {@link RouterServices#slowMs()} as MongoDB's "Slow query" (51803). */
final class SlowQueryLog {
    private static final Logger LOG = LoggerFactory.getLogger(SlowQueryLog.class);

    private SlowQueryLog() {
    }

    static void maybeLog(RouterServices services, ClientConnectionState conn, String db, String name,
                         BsonDocument command, CommandSpec spec, BsonDocument reply, long durationMillis) {
        if (durationMillis < services.slowMs() || !LOG.isInfoEnabled()) {
            return;
        }
        BsonDocument logged = CommandLogFormat.forLog(command, spec != null && spec.redactInLogs());
        LoggingEventBuilder b = StructuredLog.info(LOG, LogIds.SLOW_QUERY, LogComponent.COMMAND, "Slow query")
                .addKeyValue(StructuredLog.KEY_CTX, conn.logContext())
                .addKeyValue("type", "command")
                .addKeyValue("ns", namespace(db, command))
                .addKeyValue("command", logged);
        if (conn.clientMetadata() != null && conn.clientMetadata().isDocument("application")) {
            b.addKeyValue("appName", conn.clientMetadata().getDocument("application").get("name"));
        }
        boolean ok = reply.isNumber("ok") && reply.getNumber("ok").doubleValue() == 1.0;
        b.addKeyValue("ok", ok ? 1 : 0);
        if (!ok) {
            b.addKeyValue("errMsg", reply.get("errmsg"));
            b.addKeyValue("errName", reply.get("codeName"));
            b.addKeyValue("errCode", reply.get("code"));
        }
        b.addKeyValue("remote", ClientConnectionState.format(conn.clientAddress()));
        b.addKeyValue("protocol", "op_msg");
        b.addKeyValue("durationMillis", durationMillis);
        b.log();
    }

    /** "db.collection" when the command's first value names a collection, else "db.$cmd" (as MongoDB). */
    static String namespace(String db, BsonDocument command) {
        if (!command.isEmpty()) {
            var first = command.get(command.getFirstKey());
            if (first.isString()) {
                return db + "." + first.asString().getValue();
            }
        }
        return db + ".$cmd";
    }
}
