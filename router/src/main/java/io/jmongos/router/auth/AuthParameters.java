package io.jmongos.router.auth;

import org.bson.BsonBoolean;
import org.bson.BsonInt32;

import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/** The authentication server parameters, with MongoDB's names and ranges. */
public final class AuthParameters {
    /** MongoDB's name: milliseconds before a failed authentication is answered. */
    public static final String AUTH_FAILED_DELAY_MS = "authFailedDelayMs";
    /**
     * jmongos' default: 100 ms (MongoDB's is 0). The reply is held back without blocking a thread, so a guesser
     * pays 100 ms per try on each connection while other clients do not notice.
     */
    public static final int DEFAULT_AUTH_FAILED_DELAY_MS = 100;
    /** MongoDB's maximum for authFailedDelayMs (sasl_options: kMaxAuthFailedDelay, 5000 ms). */
    public static final int MAX_AUTH_FAILED_DELAY_MS = 5000;
    /** MongoDB's name: whether the localhost exception may create the first user (default true, startup only). */
    public static final String ENABLE_LOCALHOST_AUTH_BYPASS = "enableLocalhostAuthBypass";

    private AuthParameters() {
    }

    public static void register(ServerParameters parameters) {
        parameters.register(new ServerParameter(AUTH_FAILED_DELAY_MS, new BsonInt32(DEFAULT_AUTH_FAILED_DELAY_MS),
                true, true, ServerParameters.intRange(0, MAX_AUTH_FAILED_DELAY_MS)));
        parameters.register(new ServerParameter(ENABLE_LOCALHOST_AUTH_BYPASS, BsonBoolean.TRUE, true, false,
                ServerParameters.bool()));
    }
}
