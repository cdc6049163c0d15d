package io.jmongos.router.session;

import org.bson.BsonInt32;
import org.bson.BsonInt64;

import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/** The server parameters of cursors, sessions and transactions, with MongoDB's names and defaults. */
public final class SessionParameters {
    /** Idle cursors are killed after this many ms: MongoDB default 600000 (10 minutes); startup and runtime. */
    public static final String CURSOR_TIMEOUT_MILLIS = "cursorTimeoutMillis";
    public static final long CURSOR_TIMEOUT_MILLIS_DEFAULT = 600_000L;
    /** Period of the idle-cursor reaper: MongoDB default 4 seconds; startup only. */
    public static final String CLIENT_CURSOR_MONITOR_FREQUENCY_SECS = "clientCursorMonitorFrequencySecs";
    public static final int CLIENT_CURSOR_MONITOR_FREQUENCY_SECS_DEFAULT = 4;
    /** Sessions idle this long expire: MongoDB default 30 minutes (reported by hello); startup only. */
    public static final String LOGICAL_SESSION_TIMEOUT_MINUTES = "localLogicalSessionTimeoutMinutes";
    public static final int LOGICAL_SESSION_TIMEOUT_MINUTES_DEFAULT = 30;
    /** Period of the session-cache refresh that expires idle sessions: MongoDB default 300000 ms. */
    public static final String LOGICAL_SESSION_REFRESH_MILLIS = "logicalSessionRefreshMillis";
    public static final int LOGICAL_SESSION_REFRESH_MILLIS_DEFAULT = 300_000;
    /** Most sessions the cache holds: MongoDB's maxSessions default 1,000,000; startup only. */
    public static final String MAX_SESSIONS = "maxSessions";
    public static final int MAX_SESSIONS_DEFAULT = 1_000_000;
    /** Transactions older than this are aborted: MongoDB default 60 s, minimum 1; startup and runtime. */
    public static final String TRANSACTION_LIFETIME_LIMIT_SECONDS = "transactionLifetimeLimitSeconds";
    public static final int TRANSACTION_LIFETIME_LIMIT_SECONDS_DEFAULT = 60;

    private SessionParameters() {
    }

    /** Register every parameter not already defined (so a second install or the frontend cannot clash). */
    public static void register(ServerParameters params) {
        define(params, new ServerParameter(CURSOR_TIMEOUT_MILLIS, new BsonInt64(CURSOR_TIMEOUT_MILLIS_DEFAULT),
                true, true, ServerParameters.intRange(0, Long.MAX_VALUE)));
        define(params, new ServerParameter(CLIENT_CURSOR_MONITOR_FREQUENCY_SECS,
                new BsonInt32(CLIENT_CURSOR_MONITOR_FREQUENCY_SECS_DEFAULT), true, false,
                ServerParameters.intRange(1, Integer.MAX_VALUE)));
        define(params, new ServerParameter(LOGICAL_SESSION_TIMEOUT_MINUTES,
                new BsonInt32(LOGICAL_SESSION_TIMEOUT_MINUTES_DEFAULT), true, false,
                ServerParameters.intRange(1, Integer.MAX_VALUE)));
        define(params, new ServerParameter(LOGICAL_SESSION_REFRESH_MILLIS,
                new BsonInt32(LOGICAL_SESSION_REFRESH_MILLIS_DEFAULT), true, false,
                ServerParameters.intRange(1, Integer.MAX_VALUE)));
        define(params, new ServerParameter(MAX_SESSIONS, new BsonInt32(MAX_SESSIONS_DEFAULT), true, false,
                ServerParameters.intRange(1, Integer.MAX_VALUE)));
        define(params, new ServerParameter(TRANSACTION_LIFETIME_LIMIT_SECONDS,
                new BsonInt32(TRANSACTION_LIFETIME_LIMIT_SECONDS_DEFAULT), true, true,
                ServerParameters.intRange(1, Integer.MAX_VALUE)));
    }

    private static void define(ServerParameters params, ServerParameter p) {
        if (!params.isDefined(p.name())) {
            params.register(p);
        }
    }
}
