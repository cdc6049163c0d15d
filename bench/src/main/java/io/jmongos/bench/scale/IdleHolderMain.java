package io.jmongos.bench.scale;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.jmongos.bench.raw.RawConnections;
import io.jmongos.bench.security.BenchSecurity;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientSecurity;
import io.netty.handler.ssl.SslContext;

/**
 * A separate process that opens idle LB-port connections and holds them: each writes a PROXY v2 header and a
 * {@code hello} with {@code loadBalanced: true}, reads the reply, then stays silent. Separate so the holder's
 * file descriptors and heap do not count against the load generator. Protocol on stdout:
 * {@code OPENED <n> FAILED <f> FIRST_ERROR <msg>}; it closes everything and exits on stdin EOF or "close".
 * Run as {@code IdleHolderMain --port P --count N}; with {@code --main-port} the connections go to a main port (no
 * PROXY header, a plain hello), with {@code --tls-ca FILE} over TLS trusting that certificate (OpenSSL where it
 * loads, so the holder's TLS state stays off its small heap).
 */
public final class IdleHolderMain {
    /** Opening threads: a few, so 10,000 handshakes take seconds, not minutes, without flooding 2 cores. */
    static final int OPEN_THREADS = 4;
    static final int TIMEOUT_MILLIS = 30_000;
    /** Stop opening after this many failures (the target's limit reached). */
    static final int MAX_FAILURES = 100;

    private IdleHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port"));
        int count = Integer.parseInt(arg(args, "--count"));
        boolean lb = !List.of(args).contains("--main-port");
        String ca = optional(args, "--tls-ca");
        WireClientSecurity security = WireClientSecurity.NONE;
        if (ca != null) {
            SslContext ctx = BenchSecurity.nettyClientContext(Path.of(ca));
            security = security.withTls(() -> ctx);
        }
        WireClientSecurity links = security;
        List<BlockingWireClient> held = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>("-");
        List<Thread> openers = new ArrayList<>();
        for (int t = 0; t < OPEN_THREADS; t++) {
            Thread th = new Thread(() -> {
                while (next.getAndIncrement() < count && failed.get() < MAX_FAILURES) {
                    try {
                        BlockingWireClient c = RawConnections.open(port, lb, TIMEOUT_MILLIS, links);
                        try {
                            c.runOk(RawConnections.hello(lb));
                            held.add(c);
                        } catch (RuntimeException e) {
                            c.close();
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstError.compareAndSet("-", e.toString().replace('\n', ' '));
                    }
                }
            }, "idle-open-" + t);
            openers.add(th);
            th.start();
        }
        for (Thread th : openers) {
            th.join();
        }
        System.out.println("OPENED " + held.size() + " FAILED " + failed.get() + " FIRST_ERROR " + firstError.get());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        do {
            line = in.readLine();
        } while (line != null && !"close".equals(line.trim()));
        synchronized (held) {
            for (BlockingWireClient c : held) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    firstError.compareAndSet("-", e.toString());
                }
            }
        }
        System.out.println("CLOSED " + held.size());
    }

    private static String arg(String[] args, String name) {
        String v = optional(args, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static String optional(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
