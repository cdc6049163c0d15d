package io.jmongos.router.conn;

import java.util.List;

/**
 * The network settings the command layer reports (hello's compression, serverStatus' available
 * connections, the warning naming the LB port). Set by the server at startup; the frontend fills in
 * the ports it actually bound.
 */
public final class NetworkSettings {
    /**
     * mongos' default for net.maxIncomingConnections: 1,000,000 (capped in practice by the open-file
     * limit); see MongoDB's docs for net.maxIncomingConnections.
     */
    public static final int DEFAULT_MAX_INCOMING_CONNECTIONS = 1_000_000;
    /** mongos' default for --networkMessageCompressors (snappy,zstd,zlib since MongoDB 4.2). */
    public static final List<String> DEFAULT_COMPRESSORS = List.of("snappy", "zstd", "zlib");
    /** The compressors jmongos implements. */
    public static final List<String> SUPPORTED_COMPRESSORS = List.of("snappy", "zstd", "zlib");

    private volatile List<String> compressors = DEFAULT_COMPRESSORS;
    private volatile int maxIncomingConnections = DEFAULT_MAX_INCOMING_CONNECTIONS;
    private volatile int mainPort;
    private volatile int loadBalancerPort;
    private volatile List<String> bindAddresses = List.of();

    /** The compressors this server accepts, in its order of preference; empty when disabled. */
    public List<String> compressors() {
        return compressors;
    }

    public void setCompressors(List<String> enabled) {
        this.compressors = List.copyOf(enabled);
    }

    public int maxIncomingConnections() {
        return maxIncomingConnections;
    }

    public void setMaxIncomingConnections(int max) {
        this.maxIncomingConnections = max;
    }

    /** The main port as bound (the real one when 0 was asked for); 0 before binding. */
    public int mainPort() {
        return mainPort;
    }

    /** The LB port as bound; 0 when off. */
    public int loadBalancerPort() {
        return loadBalancerPort;
    }

    public List<String> bindAddresses() {
        return bindAddresses;
    }

    public void setBound(int main, int loadBalancer, List<String> addresses) {
        this.mainPort = main;
        this.loadBalancerPort = loadBalancer;
        this.bindAddresses = List.copyOf(addresses);
    }
}
