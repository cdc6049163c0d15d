package io.jmongos.bench.scenario;

import java.util.function.Supplier;

import io.jmongos.bench.load.Operation;
import io.jmongos.bench.raw.RawConnections;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientSecurity;
import io.netty.handler.ssl.SslContext;

/**
 * Connection establishment: TCP connect (+ PROXY v2 header on jmongos-lb, + the TLS handshake on jmongos-tls),
 * hello (loadBalanced on LB targets), ping, close, on {@code wire}'s own client connection: the server's
 * accept/handshake/teardown cost without a driver's pool and monitor machinery in the way.
 */
public final class ConnectScenario implements Scenario {
    static final int TIMEOUT_MILLIS = 10_000;

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public boolean supports(TargetKind kind) {
        return kind.measures(name());
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        RunningTarget t = ctx.target();
        int port = t.clientPort();
        boolean header = t.kind().clientWritesProxyHeader();
        boolean lb = t.kind().loadBalanced();
        WireClientSecurity tls = t.security() == null ? WireClientSecurity.NONE
                : WireClientSecurity.NONE.withTls(constant(t.security().nettyClientContext()));
        return (thread, seq) -> {
            try (BlockingWireClient c = RawConnections.open(port, header, TIMEOUT_MILLIS, tls)) {
                c.runOk(RawConnections.hello(lb));
                c.runOk(RawConnections.ping());
            }
        };
    }

    /** One client context for every connection of the load (as a driver keeps one per client). */
    static Supplier<SslContext> constant(SslContext ctx) {
        return () -> ctx;
    }
}
