package io.jmongos.router.log;

/**
 * Log ids. Where an event mirrors one of MongoDB's, the id is MongoDB's (from its source, LOGV2 calls);
 * jmongos' own events use ids from {@link #JMONGOS_BASE} upwards so they never collide with MongoDB's.
 */
public final class LogIds {
    /** MongoDB: "Connection accepted" (transport_layer / service_entry_point). */
    public static final int CONNECTION_ACCEPTED = 22943;
    /** MongoDB: "Connection ended". */
    public static final int CONNECTION_ENDED = 22944;
    /** MongoDB: "Connection refused because there are too many open connections". */
    public static final int CONNECTION_REFUSED_TOO_MANY = 22942;
    /** MongoDB: "Slow query". */
    public static final int SLOW_QUERY = 51803;
    /** MongoDB: "Waiting for connections". */
    public static final int WAITING_FOR_CONNECTIONS = 23016;
    /** MongoDB: "Listening on" (one per bound address). */
    public static final int LISTENING_ON = 23015;
    /** MongoDB: "Error receiving request from client" (malformed input on a connection). */
    public static final int ERROR_RECEIVING_REQUEST = 22988;
    /** MongoDB: "Assertion while executing command" (an unexpected exception in a command). */
    public static final int ASSERTION_IN_COMMAND = 21962;
    /** MongoDB: "Shutdown complete" style event ("Now exiting"). */
    public static final int NOW_EXITING = 23138;

    /** MongoDB: "Authentication failed" (sasl_commands, doSaslStep). */
    public static final int AUTHENTICATION_FAILED = 20249;
    /** MongoDB: "Authentication succeeded". */
    public static final int AUTHENTICATION_SUCCEEDED = 20250;

    /** First id of jmongos' own events. */
    public static final int JMONGOS_BASE = 9_000_000;
    /** A hello with loadBalanced:true arrived on the main port. */
    public static final int LOAD_BALANCED_HELLO_ON_MAIN_PORT = JMONGOS_BASE + 1;
    /** The command worker pool refused work (queue full). */
    public static final int WORKER_POOL_FULL = JMONGOS_BASE + 2;
    /** A listener could not bind one of its addresses. */
    public static final int BIND_FAILED = JMONGOS_BASE + 3;
    /** The in-process shard opened its engine. */
    public static final int SHARD_OPENED = JMONGOS_BASE + 4;
    /** A reply could not be written to a client. */
    public static final int REPLY_WRITE_FAILED = JMONGOS_BASE + 5;
    /** A connection was closed because incomplete messages held more than incompleteMessageBufferLimitBytes. */
    public static final int INCOMPLETE_MESSAGE_LIMIT = JMONGOS_BASE + 6;
    /** TLS is on: mode, provider (OpenSSL or JDK), protocols, files. */
    public static final int TLS_PROVIDER = JMONGOS_BASE + 100;
    /** The certificates were reloaded (SIGHUP or rotateCertificates). */
    public static final int TLS_ROTATED = JMONGOS_BASE + 101;
    /** A certificate reload failed; the old certificates stay in use. */
    public static final int TLS_ROTATE_FAILED = JMONGOS_BASE + 102;
    /** At startup: who may send PROXY headers to the LB port (or the warning that anyone may). */
    public static final int PROXY_TRUST_ANY = JMONGOS_BASE + 103;
    /** A connection to the LB port from an address outside proxyProtocolTrustedSources was closed. */
    public static final int PROXY_UNTRUSTED_SOURCE = JMONGOS_BASE + 104;
    /** At startup: the internal authentication key file was read (its path and how many keys; never a key). */
    public static final int KEY_FILE_READ = JMONGOS_BASE + 105;
    /** At startup: how this process's own connections to shards and the config server use TLS. */
    public static final int TLS_CLUSTER_LINKS = JMONGOS_BASE + 106;

    /** A remote shard host answered again (or for the first time): connections to it open. */
    public static final int REMOTE_SHARD_HOST_REACHABLE = JMONGOS_BASE + 40;
    /** A remote shard host stopped answering: requests to it fail with HostUnreachable until it is back. */
    public static final int REMOTE_SHARD_HOST_UNREACHABLE = JMONGOS_BASE + 41;

    private LogIds() {
    }
}
