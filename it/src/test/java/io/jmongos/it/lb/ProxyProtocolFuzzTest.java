package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;

import io.jmongos.router.frontend.proxy.ProxyProtocolMetrics;
import io.jmongos.server.JmongosServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * At least 100,000 random and mutated PROXY headers (seeded; {@code -Dfuzz.seed=N} replays a run,
 * {@code -Dfuzz.cases=N} changes the count) over real sockets to a running server's LB port, many
 * connections at a time. Afterwards every connection was counted exactly once (accepted or rejected), the
 * server answers ping on both ports, and Netty's paranoid leak detector reported no leak.
 */
class ProxyProtocolFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolFuzzTest.class);
    private static final int DEFAULT_CASES = 100_000;
    /** Connections in flight at once. */
    private static final int CONCURRENCY = 32;
    /** The server must close each connection by then (its header timeout is set to 1 second). */
    private static final Duration SERVER_CLOSES_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void randomAndMutatedHeaders() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        LOG.warn("ProxyProtocolFuzzTest: seed={} cases={} (replay with -Dfuzz.seed={})", seed, cases, seed);
        System.out.println("ProxyProtocolFuzzTest seed=" + seed + " cases=" + cases);
        try (JmongosServer server = Jmongos.startWithLoadBalancerPort("--logpath", dir.resolve("jmongos.log").toString(),
                "--setParameter", "proxyProtocolTimeoutSecs=1");
             ErrorLogCapture log = new ErrorLogCapture()) {
            ProxyProtocolMetrics metrics = server.frontend().proxyMetrics();
            long start = System.nanoTime();
            Queue<String> problems = send(server.loadBalancerPort(), seed, cases);
            long sentMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("ProxyProtocolFuzzTest: " + cases + " connections in " + sentMillis + " ms; "
                    + metrics.toBson().toJson());
            assertThat(problems).as("seed " + seed).isEmpty();
            long deadline = System.nanoTime() + SERVER_CLOSES_WITHIN.toNanos();
            while (metrics.acceptedTotal() + metrics.rejectedTotal() < cases && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(metrics.acceptedTotal() + metrics.rejectedTotal()).as("every connection counted once, seed "
                    + seed).isEqualTo(cases);

            try (MongoClient main = Jmongos.mainPortClient(server)) {
                assertThat(main.getDatabase("admin").runCommand(new BsonDocument("ping", new BsonInt32(1)))
                        .get("ok", Number.class).intValue()).isEqualTo(1);
            }
            try (BlockingWireClient lb = ProxiedConnections.open(server.loadBalancerPort())) {
                lb.command("admin", new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced",
                        BsonBoolean.TRUE));
                assertThat(lb.command("admin", new BsonDocument("ping", new BsonInt32(1))).getNumber("ok").intValue())
                        .isEqualTo(1);
            }
            assertThat(collectLeaks(log)).as("Netty LEAK reports, seed " + seed).isEmpty();
        }
    }

    /** Send every case on its own connection, CONCURRENCY at a time; return what went wrong (nothing, we hope). */
    private static Queue<String> send(int port, long seed, int cases) throws Exception {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(pool.submit(() -> {
                    byte[] drain = new byte[8192];
                    for (int i = next.getAndIncrement(); i < cases && problems.size() < 10; i = next.getAndIncrement()) {
                        String problem = sendOne(port, FuzzHeaders.generate(seed, i), drain);
                        if (problem != null) {
                            problems.add("case " + i + ": " + problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return problems;
    }

    /** Write the bytes, half-close, and wait for the server to close. Null when all went as expected. */
    private static String sendOne(int port, byte[] bytes, byte[] drain) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            s.setSoTimeout((int) SERVER_CLOSES_WITHIN.toMillis());
            try {
                s.getOutputStream().write(bytes);
                s.shutdownOutput();
            } catch (IOException e) {
                // The server may close (rejecting the header) before every byte is written: that is fine.
                return null;
            }
            InputStream in = s.getInputStream();
            while (in.read(drain) >= 0) {
                // drain replies until the server closes
            }
            return null;
        } catch (java.net.SocketTimeoutException e) {
            return "the server did not close the connection within " + SERVER_CLOSES_WITHIN;
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? null : e.toString();
        }
    }

    /** Collect garbage and make the leak detectors look at their queues, then return the LEAK lines logged. */
    private static List<String> collectLeaks(ErrorLogCapture log) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBuf a = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
            a.release();
            b.release();
            new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN,
                    null, null, 0, 0).release();
        }
        return log.leaks();
    }
}
