package io.jmongos.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line, mongos-style. Values left null were not given (the config file or defaults apply). */
@Command(name = "jmongos", sortOptions = false, usageHelpWidth = 100,
        description = "A MongoDB query router (mongos) with an embedded transactional store.",
        footer = {"", "Limits (docs/LIMITS.md):",
            "  --setParameter incompleteMessageBufferLimitBytes=N  bytes all connections together may hold for",
            "      messages not yet fully received; past it the slowest senders are closed (default: a quarter",
            "      of the JVM's maximum heap, at least maxMessageSizeBytes 48000000; also settable at runtime)"})
public final class CommandLineOptions {
    @Option(names = "--port", paramLabel = "PORT",
            description = "main port (default 27017); 0 picks a free port (a test aid: the chosen port is logged)")
    Integer port;

    @Option(names = "--bind_ip", paramLabel = "ADDRS",
            description = "comma-separated IPv4/IPv6 addresses or host names to listen on (default localhost)")
    String bindIp;

    @Option(names = "--bind_ip_all", description = "listen on every IPv4 and IPv6 address")
    Boolean bindIpAll;

    @Option(names = "--httpPort", paramLabel = "PORT",
            description = "HTTP port for operators (off by default; 0 picks a free port): GET /health/live, "
                    + "/health/ready (200, or 503 while not ready or draining), /metrics (Prometheus), /")
    Integer httpPort;

    @Option(names = "--setParameter", paramLabel = "NAME=VALUE",
            description = "set a server parameter at startup, e.g. loadBalancerPort=27018, agentCheckPort=27019, "
                    + "mongosShutdownTimeoutMillisForSignaledShutdown=15000, "
                    + "loadBalancerRequireLoadBalancedClients=false (repeatable)")
    List<String> setParameters = new ArrayList<>();

    @Option(names = {"-f", "--config"}, paramLabel = "FILE", description = "YAML config file (mongod.conf shape)")
    Path config;

    @Option(names = "--dbpath", paramLabel = "DIR",
            description = "keep data durably in this existing directory (default: in memory)")
    Path dbPath;

    @Option(names = "--shardsvr",
            description = "run as a shard server: serve the embedded store over the wire as a mongod shard does "
                    + "(hello answers as a shard member, not isdbgrid); no load-balancer port, no router commands; "
                    + "routers reach it after addShard")
    Boolean shardsvr;

    @Option(names = "--configsvr",
            description = "run as the config server: a shard server whose config database holds the cluster's "
                    + "metadata (config.shards, config.databases ...) in MongoDB's schema")
    Boolean configsvr;

    @Option(names = "--configdb", paramLabel = "HOST:PORT[,...]",
            description = "run as a router of a cluster: own no data, read the cluster from this config server "
                    + "(also rs/h:p,h:p form); not with --dbpath or a role flag. At start an unreachable config "
                    + "server is waited for, retrying with a log line each time, as mongos does")
    String configDb;

    @Option(names = "--maxConns", paramLabel = "N", description = "maximum simultaneous client connections")
    Integer maxConns;

    @Option(names = "--networkMessageCompressors", paramLabel = "LIST",
            description = "compressors to offer: any of snappy,zstd,zlib, or 'disabled' (default snappy,zstd,zlib)")
    String compressors;

    @Option(names = "--slowms", paramLabel = "MS", description = "log commands slower than this (default 100)")
    Integer slowMs;

    @Option(names = {"-v", "--verbose"}, description = "more verbose logging (-vv for more)")
    boolean[] verbose = new boolean[0];

    @Option(names = "--quiet", description = "log warnings and errors only")
    Boolean quiet;

    @Option(names = "--logpath", paramLabel = "FILE", description = "log to this file instead of stdout")
    Path logPath;

    @Option(names = "--logappend", description = "append to the log file instead of replacing it")
    Boolean logAppend;

    @Mixin
    TlsCommandLineOptions tls = new TlsCommandLineOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "show the version and exit")
    boolean version;
}
