package io.jmongos.it.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real HAProxy (Debian package {@code haproxy}) in TCP mode on a free loopback port, round-robin in front
 * of the given backends, run in the foreground ({@code -db}) from a config in a temp folder.
 * Tests are skipped with a clear message when HAProxy is not installed.
 */
public final class HaproxyProcess extends ExternalProcess {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final int port;
    private final String config;

    private HaproxyProcess(Path dir, int port, String config) throws IOException {
        super("haproxy", dir, List.of(BINARY.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString()));
        this.port = port;
        this.config = config;
    }

    /** Skip the calling test unless HAProxy is installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "HAProxy is not installed (" + BINARY + "): apt-get install haproxy to run the load balancer tests");
    }

    /**
     * Start HAProxy in front of {@code backendPorts} on 127.0.0.1.
     *
     * @param serverOptions options of every {@code server} line, e.g. {@code "send-proxy"} or
     *                      {@code "send-proxy-v2 check inter 500ms"}
     */
    public static HaproxyProcess start(Path dir, List<Integer> backendPorts, String serverOptions)
            throws IOException, InterruptedException {
        return start(dir, backendPorts, serverOptions, List.of());
    }

    /** Same, with extra lines in the frontend section (e.g. {@code unique-id-format ...}). */
    public static HaproxyProcess start(Path dir, List<Integer> backendPorts, String serverOptions,
                                       List<String> frontendLines) throws IOException, InterruptedException {
        assumeInstalled();
        int port = FreePorts.next();
        String config = config(port, backendPorts, serverOptions, frontendLines);
        Files.writeString(dir.resolve("haproxy.cfg"), config);
        HaproxyProcess p = new HaproxyProcess(dir, port, config);
        p.awaitListening(port);
        return p;
    }

    /**
     * Start HAProxy with options of its own for each {@code server} line ({@code serverOptions.get(i)} for
     * {@code backendPorts.get(i)}, e.g. each router's agent-check port) and extra lines in the defaults section
     * (e.g. {@code retries 3}, {@code option redispatch}).
     */
    public static HaproxyProcess start(Path dir, List<Integer> backendPorts, List<String> serverOptions,
                                       List<String> defaultsLines) throws IOException, InterruptedException {
        assumeInstalled();
        int port = FreePorts.next();
        String config = config(port, backendPorts, serverOptions, defaultsLines, List.of());
        Files.writeString(dir.resolve("haproxy.cfg"), config);
        HaproxyProcess p = new HaproxyProcess(dir, port, config);
        p.awaitListening(port);
        return p;
    }

    /** The configuration used by the tests, as documented in docs/LOAD_BALANCER.md. */
    static String config(int port, List<Integer> backendPorts, String serverOptions, List<String> frontendLines) {
        return config(port, backendPorts, Collections.nCopies(backendPorts.size(), serverOptions),
                List.of(), frontendLines);
    }

    private static String config(int port, List<Integer> backendPorts, List<String> serverOptions,
                                 List<String> defaultsLines, List<String> frontendLines) {
        StringBuilder sb = new StringBuilder()
                .append("global\n")
                .append("    maxconn 1024\n")
                .append("defaults\n")
                .append("    mode tcp\n")
                .append("    timeout connect 5s\n")
                .append("    timeout client 1h\n")
                .append("    timeout server 1h\n");
        for (String line : defaultsLines) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append("frontend mongos_front\n")
                .append("    bind 127.0.0.1:").append(port).append('\n')
                .append("    default_backend jmongos\n");
        for (String line : frontendLines) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append("backend jmongos\n").append("    balance roundrobin\n");
        for (int i = 0; i < backendPorts.size(); i++) {
            sb.append("    server jmongos").append(i + 1).append(" 127.0.0.1:").append(backendPorts.get(i))
                    .append(' ').append(serverOptions.get(i)).append('\n');
        }
        return sb.toString();
    }

    public int port() {
        return port;
    }

    public String config() {
        return config;
    }
}
