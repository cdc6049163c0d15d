package io.jmongos.wire.client;

/**
 * A wire client request or connection attempt that did not produce a reply. {@link #kind()} says why, so a caller
 * can map it to MongoDB's error codes (a router: HostUnreachable for connect failures and closed connections,
 * NetworkTimeout for timeouts).
 */
public final class WireClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request got no reply. */
    public enum Kind {
        /** The TCP connection could not be established (refused, no route, unknown host). */
        CONNECT_FAILED,
        /** The TCP connection was not established within the connect timeout. */
        CONNECT_TIMEOUT,
        /** The server answered the handshake with an error, or the handshake reply was unusable. */
        HANDSHAKE_FAILED,
        /** No reply within the request timeout; the connection was closed. */
        TIMEOUT,
        /** The connection closed (by either side) before the reply arrived. */
        CLOSED,
        /** The server sent something the protocol does not allow; the connection was closed. */
        PROTOCOL,
        /** The waiting thread was interrupted; the connection was closed (its reply can no longer be matched). */
        INTERRUPTED
    }

    private final Kind kind;

    public WireClientException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public WireClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
