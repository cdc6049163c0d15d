package io.jmongos.bench.scenario;

import java.time.Duration;

import io.jmongos.bench.load.Operation;
import io.jmongos.bench.raw.RawConnections;
import io.jmongos.bench.security.BenchSecurity;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientSecurity;

/**
 * Connect and authenticate, on {@code jmongos-auth}: TCP connect, TLS handshake, hello, SCRAM-SHA-256 as the load
 * generator's user (saslStart, saslContinue with skipEmptyExchange, the server's signature checked), ping, close, on
 * {@code wire}'s own client. The client keeps its salted password per salt and iteration count, as every driver
 * does, so the 15,000 PBKDF2 rounds are paid once per run on the client; the server never derives (it keeps the
 * stored and server keys): what is measured is the server's accept, TLS, SCRAM and teardown cost per connection.
 * The Java driver would send its first SCRAM message inside the hello (speculative authentication), one round
 * trip fewer than here.
 */
public final class ConnectAuthScenario implements Scenario {
    @Override
    public String name() {
        return "connectAuth";
    }

    @Override
    public boolean supports(TargetKind kind) {
        return kind.authenticates() && kind.measures(name());
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        RunningTarget t = ctx.target();
        int port = t.clientPort();
        Duration timeout = Duration.ofMillis(ConnectScenario.TIMEOUT_MILLIS);
        WireClientSecurity security = WireClientSecurity.NONE
                .withTls(ConnectScenario.constant(t.security().nettyClientContext()))
                .withAuthenticator(BenchSecurity.authenticator());
        WireClientOptions options = WireClientOptions.defaults().withConnectTimeout(timeout)
                .withRequestTimeout(timeout).withSecurity(security);
        return (thread, seq) -> {
            try (BlockingWireClient c = BlockingWireClient.open("127.0.0.1", port, options)) {
                c.runOk(RawConnections.ping());
            }
        };
    }
}
