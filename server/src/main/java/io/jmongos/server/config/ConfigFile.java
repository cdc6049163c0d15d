package io.jmongos.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.jmongos.server.StartupException;

/**
 * A YAML config file in mongod.conf shape, flattened to dotted keys ({@code net.port}). Only the keys jmongos
 * understands are allowed; any other key is an error naming it. {@code setParameter} is a map of parameter
 * names to values and is kept as such.
 */
public final class ConfigFile {
    /** The keys jmongos understands (mongod.conf names). */
    static final Set<String> KEYS = Set.of("net.port", "net.http.port", "net.bindIp", "net.bindIpAll",
            "net.maxIncomingConnections", "net.compression.compressors", "storage.dbPath", "systemLog.path",
            "systemLog.verbosity", "systemLog.destination", "systemLog.logAppend", "systemLog.quiet",
            "operationProfiling.slowOpThresholdMs", "sharding.clusterRole", "sharding.configDB");
    /** A config file larger than this is refused (real ones are a few hundred bytes). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Map<String, Object> values;
    private final Map<String, Object> setParameters;

    private ConfigFile(Map<String, Object> values, Map<String, Object> setParameters) {
        this.values = values;
        this.setParameters = setParameters;
    }

    /** Read and check a config file. */
    public static ConfigFile read(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new StartupException("Cannot read config file " + path + ": no such file");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new StartupException("Config file " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            try (Reader r = Files.newBufferedReader(path)) {
                return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(r), path.toString());
            }
        } catch (IOException e) {
            throw new StartupException("Cannot read config file " + path + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new StartupException("Error parsing YAML config file " + path + ": "
                    + e.getMessage().replace('\n', ' '), e);
        }
    }

    static ConfigFile parse(Object root, String source) {
        Map<String, Object> flat = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (root == null) {
            return new ConfigFile(flat, params);
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new StartupException("Error parsing YAML config file " + source + ": not a mapping of options");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("setParameter")) {
                if (!(e.getValue() instanceof Map<?, ?> p)) {
                    throw new StartupException("Bad value for setParameter in " + source + ": expected a mapping");
                }
                p.forEach((k, v) -> params.put(String.valueOf(k), v));
            } else {
                flatten(key, e.getValue(), flat);
            }
        }
        for (String key : flat.keySet()) {
            if (!KEYS.contains(key) && !TlsOptionsParser.KEYS.contains(key)) {
                throw new StartupException("Unrecognized option in config file " + source + ": " + key);
            }
        }
        return new ConfigFile(flat, params);
    }

    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> m && !KEYS.contains(prefix) && !TlsOptionsParser.KEYS.contains(prefix)) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, value);
        }
    }

    /** Whether the key was given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Integer integer(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new StartupException("Bad value for " + key + " in config file: expected an integer, got '" + v + "'");
    }

    public Boolean bool(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new StartupException("Bad value for " + key + " in config file: expected true or false, got '" + v + "'");
    }

    public String string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof Iterable) {
            throw new StartupException("Bad value for " + key + " in config file: expected a string");
        }
        return String.valueOf(v);
    }

    /** setParameter entries, in file order (values as YAML scalars). */
    public Map<String, Object> setParameters() {
        return setParameters;
    }
}
