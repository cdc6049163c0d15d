package io.jmongos.router.health;

import org.bson.BsonValue;

import io.jmongos.router.RouterServices;

/** Reads {@code loadBalancerRequireLoadBalancedClients} (see {@link OperatorParameters}). */
public final class ReverseProxyMode {
    private ReverseProxyMode() {
    }

    /** Whether a hello without {@code loadBalanced: true} on the LB port is served as an ordinary connection. */
    public static boolean allowsPlainClients(RouterServices services) {
        if (!services.parameters().isDefined(OperatorParameters.REQUIRE_LOAD_BALANCED_CLIENTS)) {
            return false;
        }
        BsonValue v = services.parameters().get(OperatorParameters.REQUIRE_LOAD_BALANCED_CLIENTS);
        return v.isBoolean() && !v.asBoolean().getValue();
    }
}
