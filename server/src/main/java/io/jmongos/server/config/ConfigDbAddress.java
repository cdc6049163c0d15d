package io.jmongos.server.config;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.server.StartupException;

/**
 * The value of {@code --configdb} / {@code sharding.configDB}: {@code host:port[,host:port...]}, or the replica
 * set form {@code setName/host:port[,host:port...]} (mongos' only form since 3.4; a plain list is also accepted).
 *
 * @param hosts   {@code host:port} entries in the order given (empty when the option was not given)
 * @param setName the replica set name, null for the plain form
 */
record ConfigDbAddress(List<String> hosts, String setName) {
    /** Highest TCP port. */
    static final int MAX_PORT = 65535;
    static final ConfigDbAddress NONE = new ConfigDbAddress(List.of(), null);

    ConfigDbAddress {
        hosts = List.copyOf(hosts);
    }

    static ConfigDbAddress parse(String text) {
        if (text == null) {
            return NONE;
        }
        String list = text.trim();
        String setName = null;
        int slash = list.indexOf('/');
        if (slash >= 0) {
            setName = list.substring(0, slash).trim();
            list = list.substring(slash + 1);
            if (setName.isEmpty()) {
                throw bad(text, "the replica set name before '/' is empty");
            }
        }
        List<String> hosts = new ArrayList<>();
        for (String h : SettingsParser.splitList(list)) {
            hosts.add(checkHost(text, h));
        }
        if (hosts.isEmpty()) {
            throw bad(text, "no host:port given");
        }
        return new ConfigDbAddress(hosts, setName);
    }

    private static String checkHost(String text, String host) {
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (colon <= 0 || bracketed && colon < host.indexOf(']')) {
            throw bad(text, "'" + host + "' has no port (expected host:port)");
        }
        String port = host.substring(colon + 1);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(text, "'" + port + "' is not a port number");
        }
        if (p < 1 || p > MAX_PORT) {
            throw bad(text, "port " + p + " is not between 1 and " + MAX_PORT);
        }
        return host;
    }

    private static StartupException bad(String text, String why) {
        return new StartupException("Bad value for --configdb '" + text + "': " + why);
    }
}
