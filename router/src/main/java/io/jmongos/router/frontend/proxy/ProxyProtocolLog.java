package io.jmongos.router.frontend.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogIds;

/** Log ids and small formatting helpers of the PROXY protocol handlers. */
final class ProxyProtocolLog {
    /** MongoDB's id for "Error while parsing proxy protocol header" (asio_session_impl.cpp, LOGV2_ERROR). */
    static final int PARSE_ERROR = 6067900;
    /** jmongos: a PROXY header was accepted (debug). */
    static final int HEADER_ACCEPTED = LogIds.JMONGOS_BASE + 400;
    /** jmongos: the peer closed the LB connection before sending a byte (debug: TCP health checks). */
    static final int CLOSED_BEFORE_HEADER = LogIds.JMONGOS_BASE + 401;

    private ProxyProtocolLog() {
    }

    /** "host:port" like MongoDB prints a remote, or the address's own form for other socket types. */
    static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return ClientConnectionState.format(i);
        }
        return a == null ? "unknown" : a.toString();
    }
}
