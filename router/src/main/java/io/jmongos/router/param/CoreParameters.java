package io.jmongos.router.param;

import org.bson.BsonInt32;

/** The server parameters owned by the router core. */
public final class CoreParameters {
    /** The load-balancer port (DESIGN section 4): 0 = off; startup only. */
    public static final String LOAD_BALANCER_PORT = "loadBalancerPort";
    /** Highest TCP port number. */
    public static final int MAX_PORT = 65535;

    private CoreParameters() {
    }

    public static void register(ServerParameters parameters) {
        parameters.register(new ServerParameter(LOAD_BALANCER_PORT, new BsonInt32(0), true, false,
                ServerParameters.intRange(0, MAX_PORT)));
    }
}
