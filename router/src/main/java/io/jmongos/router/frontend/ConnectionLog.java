package io.jmongos.router.frontend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * The "Connection accepted" / "Connection ended" lines, with MongoDB's ids and attributes, and jmongos' line for a
 * connection closed to bound the memory of incomplete messages.
 */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);
    static final String CLOSED_FOR_INCOMPLETE_MESSAGES = "Closing connection: incomplete messages hold more memory "
            + "than incompleteMessageBufferLimitBytes allows, and this sender is the slowest";

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

    /**
     * One line per connection closed because the bytes held for incomplete messages across all connections passed
     * {@code incompleteMessageBufferLimitBytes}.
     */
    static void closedForIncompleteMessages(ClientConnectionState s, long heldBytes, long totalBytes, long limit) {
        StructuredLog.warn(LOG, LogIds.INCOMPLETE_MESSAGE_LIMIT, LogComponent.NETWORK, CLOSED_FOR_INCOMPLETE_MESSAGES)
                .addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()))
                .addKeyValue("connectionId", s.connectionId())
                .addKeyValue("heldBytes", heldBytes)
                .addKeyValue("totalHeldBytes", totalBytes)
                .addKeyValue("incompleteMessageBufferLimitBytes", limit)
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
