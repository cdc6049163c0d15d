package io.jmongos.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The HAProxy configuration of the benchmark: TCP mode, one jmongos LB-port backend with send-proxy-v2. */
final class HaproxyConfig {
    static final String BINARY = "/usr/sbin/haproxy";
    /** Frontend connection cap: above what any scenario opens through the balancer (64 clients, connect loop). */
    static final int MAX_CONN = 4096;

    private HaproxyConfig() {
    }

    static String render(int frontPort, int backendPort) {
        return "global\n"
                + "    maxconn " + MAX_CONN + "\n"
                + "defaults\n"
                + "    mode tcp\n"
                + "    timeout connect 5s\n"
                + "    timeout client 1h\n"
                + "    timeout server 1h\n"
                + "frontend bench\n"
                + "    bind 127.0.0.1:" + frontPort + "\n"
                + "    default_backend jmongos\n"
                + "backend jmongos\n"
                + "    server jmongos1 127.0.0.1:" + backendPort + " send-proxy-v2\n";
    }

    /** First line of {@code haproxy -v}. */
    static String version() {
        try {
            Process p = new ProcessBuilder(List.of(BINARY, "-v")).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return out.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
