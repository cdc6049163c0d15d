package io.jmongos.router.frontend.proxy;

/** Why a connection on the load-balancer port was closed before its PROXY header was accepted. */
public enum ProxyProtocolRejection {
    /** The first bytes cannot start a v1 or v2 signature. */
    NOT_PROXY("notProxy"),
    /** A signature, then a field the specification does not allow. */
    MALFORMED("malformed"),
    /** A v2 header longer than proxyProtocolMaxHeaderBytes. */
    OVERSIZED("oversized"),
    /** The header was not complete within proxyProtocolTimeoutSecs. */
    TIMEOUT("timeout"),
    /** The peer closed (or reset) the connection before the header was complete. */
    CLOSED_EARLY("closedEarly");

    private final String metricName;

    ProxyProtocolRejection(String metricName) {
        this.metricName = metricName;
    }

    /** The field name in serverStatus().proxyProtocol.rejected. */
    public String metricName() {
        return metricName;
    }
}
