package io.jmongos.router.frontend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/** One log line for a connection closed because of malformed input, naming the reason and the client. */
final class WireErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(WireErrorLog.class);

    private WireErrorLog() {
    }

    static void malformed(ClientConnectionState s, String reason) {
        StructuredLog.warn(LOG, LogIds.ERROR_RECEIVING_REQUEST, LogComponent.NETWORK,
                        "Error receiving request from client. Ending connection from remote")
                .addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("error", reason)
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()))
                .addKeyValue("connectionId", s.connectionId())
                .log();
    }

    static void io(ClientConnectionState s, Throwable t) {
        StructuredLog.debug(LOG, LogIds.ERROR_RECEIVING_REQUEST, LogComponent.NETWORK,
                        "Connection error; ending connection")
                .addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("error", String.valueOf(t))
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()))
                .log();
    }

    static void unexpected(ClientConnectionState s, Throwable t) {
        StructuredLog.error(LOG, LogIds.ERROR_RECEIVING_REQUEST, LogComponent.NETWORK,
                        "Unexpected error on connection; ending connection")
                .addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("error", String.valueOf(t))
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()))
                .setCause(t)
                .log();
    }

    static void poolFull(ClientConnectionState s) {
        StructuredLog.error(LOG, LogIds.WORKER_POOL_FULL, LogComponent.NETWORK,
                        "Command worker queue is full; ending connection")
                .addKeyValue(StructuredLog.KEY_CTX, s.logContext())
                .addKeyValue("remote", ClientConnectionState.format(s.clientAddress()))
                .log();
    }
}
