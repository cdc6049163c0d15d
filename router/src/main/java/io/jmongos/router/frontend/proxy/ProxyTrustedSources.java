package io.jmongos.router.frontend.proxy;

import java.net.InetAddress;
import java.util.List;

import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.auth.AddressRange;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * {@code proxyProtocolTrustedSources} (a jmongos parameter, startup only): the balancers that may connect to the
 * LB port, as comma-separated IP addresses and CIDR ranges. Empty (the default) trusts any address, and the
 * startup log then warns that the LB port must be firewalled: whoever reaches it can claim any client address.
 */
public final class ProxyTrustedSources {
    /** The parameter's name. */
    public static final String NAME = "proxyProtocolTrustedSources";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyTrustedSources.class);

    private final List<AddressRange> ranges;

    private ProxyTrustedSources(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static void register(ServerParameters parameters) {
        parameters.register(new ServerParameter(NAME, new BsonString(""), true, false, ProxyTrustedSources::check));
    }

    private static BsonValue check(BsonValue v) {
        if (!v.isString()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, NAME + " must be a string");
        }
        try {
            AddressRange.parseList(v.asString().getValue());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, e.getMessage());
        }
        return v;
    }

    /** The configured list (empty when the parameter is not registered). */
    public static ProxyTrustedSources of(ServerParameters parameters) {
        if (!parameters.isDefined(NAME)) {
            return new ProxyTrustedSources(List.of());
        }
        return new ProxyTrustedSources(AddressRange.parseList(parameters.get(NAME).asString().getValue()));
    }

    /** Whether the TCP peer may send a PROXY header. */
    public boolean allows(InetAddress peer) {
        return ranges.isEmpty() || AddressRange.anyContains(ranges, peer);
    }

    /** The startup line about the LB port: the trusted list, or the warning that anyone may send a header. */
    public void logAtStartup(int port) {
        if (ranges.isEmpty()) {
            StructuredLog.warn(LOG, LogIds.PROXY_TRUST_ANY, LogComponent.NETWORK, "The load balancer port accepts "
                            + "PROXY headers from any address: firewall it so only the balancers reach it (a client "
                            + "that reaches it can claim any address), or set " + NAME)
                    .addKeyValue("loadBalancerPort", port).log();
        } else {
            StructuredLog.info(LOG, LogIds.PROXY_TRUST_ANY, LogComponent.NETWORK, "PROXY headers accepted only from")
                    .addKeyValue(NAME, ranges.toString()).addKeyValue("loadBalancerPort", port).log();
        }
    }

    /** Log a refused connection (one line) before it is closed. */
    public static void logRefused(String peer, long connectionId) {
        StructuredLog.warn(LOG, LogIds.PROXY_UNTRUSTED_SOURCE, LogComponent.NETWORK,
                        "Connection to the load balancer port from an address not in " + NAME)
                .addKeyValue("remote", peer).addKeyValue("connectionId", connectionId).log();
    }
}
