package io.jmongos.it.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx (Debian packages {@code nginx} + {@code libnginx-mod-stream}) with a {@code stream} server on
 * a free loopback port that sends a PROXY v1 header ({@code proxy_protocol on}) to its upstreams. Runs in the
 * foreground with its prefix, pid file and error log in a temp folder. Skipped when not installed.
 */
public final class NginxProcess extends ExternalProcess {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    /** Where Debian's libnginx-mod-stream puts the dynamic stream module. */
    public static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

    private final int port;
    private final String config;

    private NginxProcess(Path dir, int port, String config) throws IOException {
        super("nginx", dir, List.of(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(),
                "-g", "daemon off; master_process on; pid " + dir.resolve("nginx.pid") + ";"));
        this.port = port;
        this.config = config;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "nginx is not installed (" + BINARY + "): apt-get install nginx libnginx-mod-stream");
        Assumptions.assumeTrue(Files.exists(STREAM_MODULE),
                "the nginx stream module is not installed (" + STREAM_MODULE + "): apt-get install libnginx-mod-stream");
    }

    public static NginxProcess start(Path dir, List<Integer> backendPorts) throws IOException, InterruptedException {
        assumeInstalled();
        int port = FreePorts.next();
        String config = config(port, backendPorts);
        Files.writeString(dir.resolve("nginx.conf"), config);
        NginxProcess p = new NginxProcess(dir, port, config);
        p.awaitListening(port);
        return p;
    }

    /** The configuration used by the tests, as documented in docs/LOAD_BALANCER.md. */
    static String config(int port, List<Integer> backendPorts) {
        StringBuilder sb = new StringBuilder()
                .append("load_module ").append(STREAM_MODULE).append(";\n")
                .append("worker_processes 1;\n")
                .append("events {\n    worker_connections 1024;\n}\n")
                .append("stream {\n")
                .append("    upstream jmongos {\n");
        for (int backend : backendPorts) {
            sb.append("        server 127.0.0.1:").append(backend).append(";\n");
        }
        return sb.append("    }\n")
                .append("    server {\n")
                .append("        listen 127.0.0.1:").append(port).append(";\n")
                .append("        proxy_pass jmongos;\n")
                .append("        proxy_protocol on;\n")
                .append("        proxy_timeout 1h;\n")
                .append("    }\n")
                .append("}\n").toString();
    }

    public int port() {
        return port;
    }

    public String config() {
        return config;
    }
}
