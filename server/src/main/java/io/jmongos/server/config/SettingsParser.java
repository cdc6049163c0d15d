package io.jmongos.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.NetworkSettings;
import io.jmongos.router.frontend.tls.TlsSettings;
import io.jmongos.server.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses the command line (and the config file it names) into {@link ServerSettings}. */
public final class SettingsParser {
    /** Highest TCP port. */
    static final int MAX_PORT = 65535;
    /** --maxConns range: at least one connection; the default (1,000,000) is also the most accepted. */
    static final int MIN_CONNS = 1;
    static final int MAX_CONNS = NetworkSettings.DEFAULT_MAX_INCOMING_CONNECTIONS;
    /** systemLog.verbosity range (MongoDB: 0..5). */
    static final int MAX_VERBOSITY = 5;
    /** --slowms range: 0 logs everything; one day at most. */
    static final int MAX_SLOW_MS = 86_400_000;

    private SettingsParser() {
    }

    /** A picocli command line for the options (help, version and parsing). */
    public static CommandLine commandLine(CommandLineOptions options) {
        CommandLine cl = new CommandLine(options);
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setUnmatchedArgumentsAllowed(false);
        return cl;
    }

    /**
     * Parse arguments into settings.
     *
     * @throws StartupException one line naming the problem
     */
    public static ServerSettings parse(List<String> args) {
        CommandLineOptions o = new CommandLineOptions();
        try {
            commandLine(o).parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            throw new StartupException(e.getMessage().replace('\n', ' ').trim(), e);
        }
        return build(o, args);
    }

    static ServerSettings build(CommandLineOptions o, List<String> args) {
        ConfigFile cfg = o.config != null ? ConfigFile.read(o.config) : ConfigFile.parse(null, "");
        ParsedOptions parsed = new ParsedOptions();
        if (o.config != null) {
            parsed.put("config", o.config.toString());
        }
        int port = range("--port", first(o.port, cfg.integer("net.port"), ServerSettings.DEFAULT_PORT), 0, MAX_PORT);
        if (o.port != null || cfg.has("net.port")) {
            parsed.put("net.port", port);
        }
        Integer http = first(o.httpPort, cfg.integer("net.http.port"), null);
        int httpPort = http == null ? ServerSettings.HTTP_OFF : range("--httpPort", http, 0, MAX_PORT);
        if (http != null) {
            parsed.put("net.http.port", httpPort);
        }
        boolean bindAll = first(o.bindIpAll, cfg.bool("net.bindIpAll"), false);
        String bindIp = first(o.bindIp, cfg.string("net.bindIp"), ServerSettings.DEFAULT_BIND_IP);
        if (bindAll && (o.bindIp != null || cfg.has("net.bindIp"))) {
            throw new StartupException("bind_ip and bind_ip_all cannot both be given");
        }
        if (o.bindIp != null || cfg.has("net.bindIp")) {
            parsed.put("net.bindIp", bindIp);
        }
        if (bindAll) {
            parsed.put("net.bindIpAll", true);
        }
        List<String> bindIps = splitList(bindIp);
        if (!bindAll && bindIps.isEmpty()) {
            throw new StartupException("--bind_ip names no address");
        }
        int maxConns = range("--maxConns", first(o.maxConns, cfg.integer("net.maxIncomingConnections"),
                NetworkSettings.DEFAULT_MAX_INCOMING_CONNECTIONS), MIN_CONNS, MAX_CONNS);
        if (o.maxConns != null || cfg.has("net.maxIncomingConnections")) {
            parsed.put("net.maxIncomingConnections", maxConns);
        }
        String compressorList = first(o.compressors, cfg.string("net.compression.compressors"), null);
        List<String> compressors = compressors(compressorList);
        if (compressorList != null) {
            parsed.put("net.compression.compressors", compressorList);
        }
        Map<String, BsonValue> params = new LinkedHashMap<>();
        cfg.setParameters().forEach((k, v) -> params.put(k, yamlValue(k, v)));
        for (String nv : o.setParameters) {
            int eq = nv.indexOf('=');
            if (eq <= 0) {
                throw new StartupException("Illegal --setParameter parameter: \"" + nv + "\" (expected name=value)");
            }
            params.put(nv.substring(0, eq).trim(), new BsonString(nv.substring(eq + 1)));
        }
        params.forEach((k, v) -> parsed.put("setParameter." + k, v));
        Path dbPath = o.dbPath != null ? o.dbPath : pathOrNull(cfg.string("storage.dbPath"));
        if (dbPath != null) {
            if (!Files.isDirectory(dbPath)) {
                throw new StartupException("Data directory " + dbPath + " not found. Create the missing directory "
                        + "or specify another path using --dbpath or storage.dbPath in the config file.");
            }
            parsed.put("storage.dbPath", dbPath.toString());
        }
        String dest = cfg.string("systemLog.destination");
        if (dest != null && !dest.equals("file")) {
            throw new StartupException("Bad value for systemLog.destination: only 'file' is supported, got '"
                    + dest + "'");
        }
        Path logPath = o.logPath != null ? o.logPath : pathOrNull(cfg.string("systemLog.path"));
        if (logPath != null) {
            parsed.put("systemLog.path", logPath.toString());
            parsed.put("systemLog.destination", "file");
        }
        boolean logAppend = first(o.logAppend, cfg.bool("systemLog.logAppend"), false);
        int verbosity = range("systemLog.verbosity", o.verbose.length > 0 ? o.verbose.length
                : first(cfg.integer("systemLog.verbosity"), null, 0), 0, MAX_VERBOSITY);
        if (verbosity > 0) {
            parsed.put("systemLog.verbosity", verbosity);
        }
        boolean quiet = first(o.quiet, cfg.bool("systemLog.quiet"), false);
        if (quiet) {
            parsed.put("systemLog.quiet", true);
        }
        int slowMs = range("--slowms", first(o.slowMs, cfg.integer("operationProfiling.slowOpThresholdMs"),
                RouterServices.DEFAULT_SLOW_MS), 0, MAX_SLOW_MS);
        if (o.slowMs != null || cfg.has("operationProfiling.slowOpThresholdMs")) {
            parsed.put("operationProfiling.slowOpThresholdMs", slowMs);
        }
        ClusterRole role = ClusterRoles.role(o.shardsvr, o.configsvr, cfg.string("sharding.clusterRole"));
        if (role.servesData()) {
            parsed.put("sharding.clusterRole", role.mongodName());
        }
        String configDbText = first(o.configDb, cfg.string("sharding.configDB"), null);
        ConfigDbAddress configDb = ConfigDbAddress.parse(configDbText);
        if (configDbText != null) {
            parsed.put("sharding.configDB", configDbText);
        }
        ClusterRoles.check(role, configDb, dbPath, params);
        TlsSettings tls = TlsOptionsParser.parse(o.tls, cfg, parsed);
        return new ServerSettings(port, bindIps, bindAll, maxConns, compressors, params, dbPath, logPath, logAppend,
                verbosity, quiet, slowMs, args, parsed.document(), role, configDb.hosts(), configDb.setName(), tls,
                TlsOptionsParser.authorization(o.tls, cfg, parsed), TlsOptionsParser.keyFile(o.tls, cfg, parsed),
                httpPort);
    }

    static List<String> compressors(String list) {
        if (list == null) {
            return NetworkSettings.DEFAULT_COMPRESSORS;
        }
        if (list.trim().equals("disabled")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : splitList(list)) {
            if (!NetworkSettings.SUPPORTED_COMPRESSORS.contains(c)) {
                throw new StartupException("Invalid network message compressor specified in configuration: " + c
                        + " (supported: " + String.join(",", NetworkSettings.SUPPORTED_COMPRESSORS) + ", or disabled)");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    static List<String> splitList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static BsonValue yamlValue(String name, Object v) {
        if (v instanceof Integer i) {
            return new BsonInt32(i);
        }
        if (v instanceof Long l) {
            return new BsonInt64(l);
        }
        if (v instanceof Double d) {
            return new BsonDouble(d);
        }
        if (v instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (v instanceof String s) {
            return new BsonString(s);
        }
        throw new StartupException("Bad value for setParameter." + name + " in config file: expected a scalar");
    }

    private static Path pathOrNull(String s) {
        return s == null ? null : Path.of(s);
    }

    private static int range(String what, int v, int min, int max) {
        if (v < min || v > max) {
            throw new StartupException("Bad value for " + what + ": " + v + " is not between " + min + " and " + max);
        }
        return v;
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
