package io.jmongos.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jmongos.router.health.OperatorParameters;

/** SIGTERM's handling in every role: a shard or config server (no mongos drain parameter) shuts down too. */
class ShutdownSignalsTest {
    @ParameterizedTest
    @ValueSource(strings = {"--shardsvr", "--configsvr", "(router)"})
    void theFirstSignalDrainsAndClosesTheServer(String role) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        if (role.startsWith("--")) {
            args.add(role);
        }
        JmongosServer server = JmongosServer.start(args);
        try {
            assertThat(ShutdownSignals.drainTimeoutMillis(server.services().parameters()))
                    .isEqualTo(OperatorParameters.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
            ShutdownSignals.onSignal(server, "TERM", 1);
            CompletableFuture.runAsync(server::awaitClosed).get(30, TimeUnit.SECONDS);
            assertThat(server.draining()).isTrue();
        } finally {
            server.close();
        }
    }
}
