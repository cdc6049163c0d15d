package io.jmongos.router.health;

import org.bson.BsonBoolean;
import org.bson.BsonInt32;

import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/** The server parameters of running behind a balancer: the HAProxy agent, the drain, reverse-proxy mode. */
public final class OperatorParameters {
    /** Port of the HAProxy agent-check listener: 0 = off (the default); startup only, like loadBalancerPort. */
    public static final String AGENT_CHECK_PORT = "agentCheckPort";
    /**
     * The weight the agent reports while ready, as a percentage of the server's configured weight (HAProxy's
     * agent-check accepts 0%..100% and more, up to its maximum weight 256: jmongos allows 1..256); runtime too.
     */
    public static final String AGENT_CHECK_WEIGHT_PERCENT = "agentCheckWeightPercent";
    /**
     * mongos's drain time on SIGTERM/SIGINT: 15000 ms by default (mongos 5.0+), range 0..24 h (jmongos' own upper
     * bound); startup and runtime.
     */
    public static final String SHUTDOWN_TIMEOUT_MILLIS = "mongosShutdownTimeoutMillisForSignaledShutdown";
    /**
     * Whether the LB port refuses a client whose first hello lacks {@code loadBalanced: true} (354, mongos before
     * 8.0.10); false serves such clients as ordinary connections (mongos 8.0.10/8.1 reverse-proxy mode). Default
     * true; startup and runtime.
     */
    public static final String REQUIRE_LOAD_BALANCED_CLIENTS = "loadBalancerRequireLoadBalancedClients";

    /** mongos's default of {@link #SHUTDOWN_TIMEOUT_MILLIS} and of the shutdown command's timeoutSecs (15 s). */
    public static final int DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 15_000;
    static final int MAX_SHUTDOWN_TIMEOUT_MILLIS = 86_400_000;
    static final int DEFAULT_WEIGHT_PERCENT = 100;
    /** HAProxy's maximum server weight. */
    static final int MAX_WEIGHT_PERCENT = 256;
    static final int MAX_PORT = 65535;

    private OperatorParameters() {
    }

    public static void register(ServerParameters p) {
        if (p.isDefined(AGENT_CHECK_PORT)) {
            return;
        }
        p.register(new ServerParameter(AGENT_CHECK_PORT, new BsonInt32(0), true, false,
                ServerParameters.intRange(0, MAX_PORT)));
        p.register(new ServerParameter(AGENT_CHECK_WEIGHT_PERCENT, new BsonInt32(DEFAULT_WEIGHT_PERCENT), true, true,
                ServerParameters.intRange(1, MAX_WEIGHT_PERCENT)));
        p.register(new ServerParameter(SHUTDOWN_TIMEOUT_MILLIS, new BsonInt32(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS), true,
                true, ServerParameters.intRange(0, MAX_SHUTDOWN_TIMEOUT_MILLIS)));
        p.register(new ServerParameter(REQUIRE_LOAD_BALANCED_CLIENTS, BsonBoolean.TRUE, true, true,
                ServerParameters.bool()));
    }
}
