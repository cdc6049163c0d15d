package io.jmongos.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The merged startup settings (command line over config file over defaults).
 *
 * @param setParameters parameter name to value, in the order given (config file first, then command line)
 * @param argv          the arguments as given, for getCmdLineOpts
 * @param parsed        the options as parsed, in mongod.conf shape, for getCmdLineOpts
 */
public record ServerSettings(int port, List<String> bindIps, boolean bindAll, int maxConns, List<String> compressors,
                             Map<String, BsonValue> setParameters, Path dbPath, Path logPath, boolean logAppend,
                             int verbosity, boolean quiet, int slowMs, List<String> argv, BsonDocument parsed) {
    /** mongos' default port. */
    public static final int DEFAULT_PORT = 27017;
    /** mongos' default bind_ip. */
    public static final String DEFAULT_BIND_IP = "localhost";

    public ServerSettings {
        bindIps = List.copyOf(bindIps);
        compressors = List.copyOf(compressors);
        setParameters = Map.copyOf(setParameters);
        argv = List.copyOf(argv);
    }
}
