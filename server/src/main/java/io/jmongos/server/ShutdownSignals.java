package io.jmongos.server;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.health.OperatorParameters;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.ServerParameters;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first starts the graceful drain for {@code mongosShutdownTimeoutMillisForSignaledShutdown}
 * (mongos's parameter, 15000 ms by default; shard and config servers, which have no such mongos parameter, drain for
 * its default) and then the shutdown; a second one ends the drain's wait at once.
 * JVM shutdown hooks cannot see a second signal, so the signals are handled here ({@code sun.misc.Signal}, in the
 * JDK's {@code jdk.unsupported} module, the supported way to do so without JNI).
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
    static final int LOG_SIGNAL = LogIds.JMONGOS_BASE + 420;

    private ShutdownSignals() {
    }

    static void install(JmongosServer server) {
        AtomicInteger received = new AtomicInteger();
        Signal.handle(new Signal("TERM"), s -> onSignal(server, s.getName(), received.incrementAndGet()));
        Signal.handle(new Signal("INT"), s -> onSignal(server, s.getName(), received.incrementAndGet()));
    }

    static void onSignal(JmongosServer server, String name, int count) {
        if (count == 1) {
            long timeout = drainTimeoutMillis(server.services().parameters());
            StructuredLog.info(LOG, LOG_SIGNAL, LogComponent.CONTROL, "Received signal: draining, then shutting down")
                    .addKeyValue("signal", "SIG" + name).addKeyValue("timeoutMillis", timeout).log();
            server.shutdownInBackground(timeout);
        } else {
            StructuredLog.info(LOG, LOG_SIGNAL, LogComponent.CONTROL, "Received signal again: ending the drain wait")
                    .addKeyValue("signal", "SIG" + name).log();
            server.endDrainWait();
        }
    }

    /** The router's {@code mongosShutdownTimeoutMillisForSignaledShutdown}; its default in roles without it. */
    static long drainTimeoutMillis(ServerParameters params) {
        return params.isDefined(OperatorParameters.SHUTDOWN_TIMEOUT_MILLIS)
                ? params.getLong(OperatorParameters.SHUTDOWN_TIMEOUT_MILLIS)
                : OperatorParameters.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;
    }
}
