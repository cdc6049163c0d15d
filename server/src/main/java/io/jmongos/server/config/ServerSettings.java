package io.jmongos.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.ClusterRole;
import io.jmongos.router.frontend.tls.TlsSettings;

/**
 * The merged startup settings (command line over config file over defaults).
 *
 * @param setParameters parameter name to value, in the order given (config file first, then command line)
 * @param argv          the arguments as given, for getCmdLineOpts
 * @param parsed        the options as parsed, in mongod.conf shape, for getCmdLineOpts
 * @param clusterRole   shard server, config server, or NONE (a router)
 * @param configDb      the config server hosts ({@code host:port}) of a cluster router ({@code --configdb} or
 *                      {@code sharding.configDB}), in the order given; empty when not given
 * @param configDbSetName the replica set name of the {@code rs/h1:p,h2:p} form, null for a plain host list
 * @param tls           the TLS options of both ports ({@code --tlsMode} ..., {@code net.tls.*})
 * @param authorization {@code --auth} / {@code security.authorization: enabled}
 * @param keyFile       {@code --keyFile} / {@code security.keyFile}, the cluster's internal authentication key, or
 *                      null; it implies access control, as in mongod and mongos
 * @param httpPort      the operators' HTTP port ({@code --httpPort}, {@code net.http.port}); {@link #HTTP_OFF} when off
 */
public record ServerSettings(int port, List<String> bindIps, boolean bindAll, int maxConns, List<String> compressors,
                             Map<String, BsonValue> setParameters, Path dbPath, Path logPath, boolean logAppend,
                             int verbosity, boolean quiet, int slowMs, List<String> argv, BsonDocument parsed,
                             ClusterRole clusterRole, List<String> configDb,
                             String configDbSetName, TlsSettings tls,
                             boolean authorization, Path keyFile, int httpPort) {
    /** mongos' default port. */
    public static final int DEFAULT_PORT = 27017;
    /** mongos' default bind_ip. */
    public static final String DEFAULT_BIND_IP = "localhost";
    /** {@link #httpPort} when the HTTP endpoint is off (the default). */
    public static final int HTTP_OFF = -1;

    public ServerSettings {
        bindIps = List.copyOf(bindIps);
        compressors = List.copyOf(compressors);
        setParameters = Map.copyOf(setParameters);
        argv = List.copyOf(argv);
        configDb = List.copyOf(configDb);
    }
}
