package io.jmongos.router.frontend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/** The "Connection accepted" / "Connection ended" lines, with MongoDB's ids and attributes. */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);

    private ConnectionLog() {
    }

    /** @param quiet a balancer's own (PROXY LOCAL) connection: debug level only */
    static void accepted(ClientConnectionState s, int connectionCount, boolean quiet) {
        LoggingEventBuilder b = quiet
                ? StructuredLog.debug(LOG, LogIds.CONNECTION_ACCEPTED, LogComponent.NETWORK, "Connection accepted")
                : StructuredLog.info(LOG, LogIds.CONNECTION_ACCEPTED, LogComponent.NETWORK, "Connection accepted");
        attrs(b, s, connectionCount).log();
    }

    static void ended(ClientConnectionState s, int connectionCount, boolean quiet) {
        LoggingEventBuilder b = quiet
                ? StructuredLog.debug(LOG, LogIds.CONNECTION_ENDED, LogComponent.NETWORK, "Connection ended")
                : StructuredLog.info(LOG, LogIds.CONNECTION_ENDED, LogComponent.NETWORK, "Connection ended");
        attrs(b, s, connectionCount).log();
    }

    static void refused(String remote, int max) {
        StructuredLog.info(LOG, LogIds.CONNECTION_REFUSED_TOO_MANY, LogComponent.NETWORK,
                        "Connection refused because there are too many open connections")
                .addKeyValue("remote", remote)
                .addKeyValue("maxConns", max)
                .log();
    }

    private static LoggingEventBuilder attrs(LoggingEventBuilder b, ClientConnectionState s, int count) {
        b.addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()));
        if (s.loadBalancerPort()) {
            b.addKeyValue("isLoadBalanced", true)
                    .addKeyValue("proxyAddress", ClientConnectionState.format(s.peerAddress()));
        }
        return b.addKeyValue("connectionId", s.connectionId()).addKeyValue("connectionCount", count);
    }
}
