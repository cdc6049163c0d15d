package io.jmongos.router.frontend.proxy;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.StructuredLog;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The outcome of one LB connection's PROXY header, shared by the gate and its helper handlers: exactly
 * one of accepted / rejected / closed early happens, is counted once and logged once. Event loop only.
 */
final class ProxyGateState {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolGate.class);

    private final Channel channel;
    private final ProxyProtocolMetrics metrics;
    private ScheduledFuture<?> timeout;
    private boolean done;
    private long bytesSeen;
    private String remote;

    ProxyGateState(Channel channel, ProxyProtocolMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        rememberRemote();
    }

    /** Keep the peer's address while the channel is connected: a closed channel no longer knows it. */
    void rememberRemote() {
        if (remote == null && channel.remoteAddress() != null) {
            remote = ProxyProtocolLog.format(channel.remoteAddress());
        }
    }

    private String remote() {
        rememberRemote();
        return remote != null ? remote : "unknown";
    }

    /** The messages along a cause chain, without repeats ("invalid HAProxy message: invalid port: 65536"). */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String m = c.getMessage();
            if (m == null || (c.getCause() != null && m.equals(c.getCause().toString()))) {
                continue;
            }
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.length() == 0 ? t.getClass().getSimpleName() : sb.toString();
    }

    /** Start the header timeout once (idempotent). */
    void startTimer(int timeoutSecs) {
        if (timeout != null || done) {
            return;
        }
        timeout = channel.eventLoop().schedule(() -> reject(ProxyProtocolRejection.TIMEOUT,
                "no complete PROXY protocol header within " + timeoutSecs + " seconds ("
                        + bytesSeen + " bytes received)"), timeoutSecs, TimeUnit.SECONDS);
    }

    void sawBytes(int n) {
        bytesSeen += n;
    }

    boolean done() {
        return done;
    }

    /** Record an accepted header; false if the outcome was already decided (nothing to do then). */
    boolean accept(ProxiedConnection connection) {
        if (!finish()) {
            return false;
        }
        metrics.accepted(connection);
        StructuredLog.debug(LOG, ProxyProtocolLog.HEADER_ACCEPTED, LogComponent.NETWORK,
                        connection.command() == ProxiedConnection.Command.LOCAL
                                ? "Accepted PROXY protocol LOCAL header (load balancer's own connection)"
                                : "Accepted PROXY protocol header")
                .addKeyValue("remote", remote())
                .addKeyValue("client", ProxyProtocolLog.format(connection.source()))
                .addKeyValue("version", connection.version())
                .addKeyValue("family", connection.family().name())
                .addKeyValue("tlvs", connection.tlvs().size())
                .log();
        return true;
    }

    /** Reject the header: one error line, count it, close the socket without a reply. */
    void reject(ProxyProtocolRejection reason, String error) {
        if (!finish()) {
            return;
        }
        metrics.rejected(reason);
        StructuredLog.error(LOG, ProxyProtocolLog.PARSE_ERROR, LogComponent.NETWORK,
                        "Error while parsing proxy protocol header")
                .addKeyValue("remote", remote())
                .addKeyValue("reason", reason.metricName())
                .addKeyValue("error", error)
                .log();
        channel.close();
    }

    /**
     * The channel closed (or failed) before the header was complete. Nothing sent at all is what TCP
     * health checks and port scanners do: debug only. A header cut short is an error line.
     */
    void closedEarly(String why) {
        if (done) {
            return;
        }
        if (bytesSeen > 0) {
            reject(ProxyProtocolRejection.CLOSED_EARLY, "connection closed after " + bytesSeen
                    + " bytes, before the PROXY protocol header was complete" + (why == null ? "" : ": " + why));
            return;
        }
        finish();
        metrics.rejected(ProxyProtocolRejection.CLOSED_EARLY);
        StructuredLog.debug(LOG, ProxyProtocolLog.CLOSED_BEFORE_HEADER, LogComponent.NETWORK,
                        "Connection on the load balancer port closed before sending a PROXY protocol header")
                .addKeyValue("remote", remote())
                .log();
        channel.close();
    }

    private boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        return true;
    }
}
