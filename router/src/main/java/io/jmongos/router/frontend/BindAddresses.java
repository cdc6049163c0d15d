package io.jmongos.router.frontend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves bind_ip entries (IPv4/IPv6 literals, host names such as localhost) to addresses to bind. */
final class BindAddresses {
    private BindAddresses() {
    }

    /**
     * @return one socket address per distinct IP address (port filled in later); the wildcard for bindAll
     * @throws ListenerBindException when a name does not resolve
     */
    static List<InetAddress> resolve(FrontendConfig config) {
        if (config.bindAll()) {
            return List.of(new InetSocketAddress(0).getAddress());
        }
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String entry : config.bindIps()) {
            String host = entry.trim();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    out.add(a);
                }
            } catch (UnknownHostException e) {
                throw new ListenerBindException("Cannot resolve bind_ip address '" + host + "'", e);
            }
        }
        if (out.isEmpty()) {
            throw new ListenerBindException("bind_ip names no address", null);
        }
        return new ArrayList<>(out);
    }
}
