package io.jmongos.router.cursor;

/** Why the router killed a cursor (each reason has its own counter). */
public enum CursorKillReason {
    /** killCursors from the client. */
    CLIENT,
    /** Idle longer than cursorTimeoutMillis. */
    TIMEOUT,
    /** Its session ended, was killed or expired. */
    SESSION_ENDED,
    /** Its transaction committed or aborted. */
    TRANSACTION_ENDED,
    /** The load-balanced connection that created it closed. */
    LOAD_BALANCER_DISCONNECT,
    /** A getMore failed on the source. */
    ERROR,
    /** The router is shutting down. */
    SHUTDOWN
}
