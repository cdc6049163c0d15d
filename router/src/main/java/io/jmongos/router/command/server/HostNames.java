package io.jmongos.router.command.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, looked up once (a DNS lookup per serverStatus would be too slow). */
final class HostNames {
    private static final String HOST = lookup();

    private HostNames() {
    }

    static String hostName() {
        return HOST;
    }

    private static String lookup() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
