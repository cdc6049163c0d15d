package io.jmongos.router.shard.remote;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's host string as {@code addShard} and {@code config.shards} write it: {@code host:port} for a single
 * server, or {@code <replicaSet>/host1:port1,host2:port2} for a replica set (MongoDB's ConnectionString forms).
 * A host without a port gets MongoDB's default port 27017; IPv6 literals are written in brackets ({@code [::1]:27018}).
 *
 * @param replicaSet the replica set name, or null for a single server
 * @param members    the hosts, in the order written
 */
public record ShardHostAddress(String replicaSet, List<Member> members) {
    /** MongoDB's default port (ServerGlobalParams::DefaultDBPort). */
    public static final int DEFAULT_PORT = 27017;
    /** Highest TCP port. */
    public static final int MAX_PORT = 65535;

    /** One host and port. */
    public record Member(String host, int port) {
        /** An unresolved socket address: Netty resolves it when connecting, never the caller's thread. */
        public InetSocketAddress socketAddress() {
            return InetSocketAddress.createUnresolved(host, port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ShardHostAddress {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a shard host string names at least one host");
        }
    }

    /**
     * Parses {@code host:port} or {@code rs/host:port,host:port}.
     *
     * @throws IllegalArgumentException naming what is wrong (empty host, port out of range, ...)
     */
    public static ShardHostAddress parse(String text) {
        String s = text.trim();
        String set = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            set = s.substring(0, slash);
            if (set.isEmpty()) {
                throw new IllegalArgumentException("empty replica set name in '" + text + "'");
            }
            s = s.substring(slash + 1);
        }
        List<Member> members = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            members.add(member(part.trim(), text));
        }
        if (set == null && members.size() > 1) {
            throw new IllegalArgumentException("'" + text + "' lists several hosts without a replica set name"
                    + " (write <setName>/" + s + ")");
        }
        return new ShardHostAddress(set, members);
    }

    private static Member member(String part, String text) {
        String host;
        String port = null;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in host '" + part + "' of '" + text + "'");
            }
            host = part.substring(1, close);
            String rest = part.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected '" + rest + "' after host '" + host + "'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = part.lastIndexOf(':');
            if (colon >= 0 && part.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 host '" + part + "' must be written in brackets");
            }
            host = colon >= 0 ? part.substring(0, colon) : part;
            port = colon >= 0 ? part.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name in '" + text + "'");
        }
        return new Member(host, port == null ? DEFAULT_PORT : port(port, text));
    }

    private static int port(String port, String text) {
        int n;
        try {
            n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + port + "' of '" + text + "' is not a number");
        }
        if (n < 1 || n > MAX_PORT) {
            throw new IllegalArgumentException("port " + n + " of '" + text + "' is outside 1 … " + MAX_PORT);
        }
        return n;
    }

    public boolean isReplicaSet() {
        return replicaSet != null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (replicaSet != null) {
            b.append(replicaSet).append('/');
        }
        for (int i = 0; i < members.size(); i++) {
            b.append(i == 0 ? "" : ",").append(members.get(i));
        }
        return b.toString();
    }
}
