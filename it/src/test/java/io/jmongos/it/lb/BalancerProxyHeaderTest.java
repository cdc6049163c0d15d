package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import io.jmongos.router.frontend.proxy.ProxiedConnection;

/**
 * The headers real balancers send (HAProxy send-proxy, send-proxy-v2 with health checks and TLVs, nginx
 * proxy_protocol) through the PROXY gate alone: the client address that comes out is the client's own.
 */
class BalancerProxyHeaderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private GateEchoServer a;
    private GateEchoServer b;
    private ErrorLogCapture log;

    @BeforeEach
    void startBackends() throws InterruptedException {
        log = new ErrorLogCapture();
        a = new GateEchoServer();
        b = new GateEchoServer();
    }

    @AfterEach
    void stopBackends() {
        a.close();
        b.close();
        log.close();
    }

    @Test
    void haproxySendProxy() throws Exception {
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(a.port(), b.port()), "send-proxy")) {
            for (int i = 0; i < 4; i++) {
                assertClientAddressSeen(haproxy.port());
            }
            assertBothGotTraffic(1);
            assertThat(a.accepted.get(0).family()).isEqualTo(ProxiedConnection.Family.INET);
        }
        assertNoErrors();
    }

    @Test
    void haproxySendProxyV2WithHealthChecks() throws Exception {
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(a.port(), b.port()),
                "send-proxy-v2 check inter 200ms")) {
            awaitLocalHeaders(a, 2);
            awaitLocalHeaders(b, 2);
            for (int i = 0; i < 4; i++) {
                assertClientAddressSeen(haproxy.port());
            }
            assertBothGotTraffic(2);
        }
        assertThat(a.metrics.rejectedTotal() + b.metrics.rejectedTotal()).isZero();
        assertNoErrors();
    }

    /** With {@code send-proxy}, HAProxy's checks send a v1 header naming its own connection, then close. */
    @Test
    void haproxySendProxyWithHealthChecks() throws Exception {
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(a.port(), b.port()),
                "send-proxy check inter 200ms")) {
            awaitAccepted(a, 3);
            awaitAccepted(b, 3);
            assertClientAddressSeen(haproxy.port());
        }
        assertThat(a.accepted).allSatisfy(c -> {
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.command()).isEqualTo(ProxiedConnection.Command.PROXY);
        });
        assertThat(a.metrics.rejectedTotal() + b.metrics.rejectedTotal()).isZero();
        assertNoErrors();
    }

    @Test
    void haproxySendProxyV2WithTlvs() throws Exception {
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(a.port()),
                "send-proxy-v2 proxy-v2-options crc32c,unique-id", List.of("unique-id-format jmongos-%rt"))) {
            assertClientAddressSeen(haproxy.port());
        }
        ProxiedConnection c = a.accepted.get(0);
        assertThat(c.tlv(0x03)).as("CRC32C TLV").hasSize(4);
        assertThat(new String(c.tlv(0x05), StandardCharsets.US_ASCII)).as("unique-id TLV").startsWith("jmongos-");
        assertNoErrors();
    }

    @Test
    void nginxProxyProtocol() throws Exception {
        try (NginxProcess nginx = NginxProcess.start(dir, List.of(a.port(), b.port()))) {
            for (int i = 0; i < 4; i++) {
                assertClientAddressSeen(nginx.port());
            }
            assertBothGotTraffic(1);
        }
        assertNoErrors();
    }

    /** Connect through the balancer: the first line names our own address and port, then bytes echo. */
    private static void assertClientAddressSeen(int balancerPort) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), balancerPort)) {
            s.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = s.getOutputStream();
            out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("client 127.0.0.1:" + s.getLocalPort());
            assertThat(in.readLine()).isEqualTo("ping");
        }
    }

    private void assertBothGotTraffic(int version) {
        for (GateEchoServer s : List.of(a, b)) {
            assertThat(s.accepted.stream().filter(c -> c.command() == ProxiedConnection.Command.PROXY))
                    .isNotEmpty().allSatisfy(c -> assertThat(c.version()).isEqualTo(version));
        }
    }

    private static void awaitAccepted(GateEchoServer s, int n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (s.metrics.acceptedTotal() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.metrics.acceptedTotal()).isGreaterThanOrEqualTo(n);
    }

    private static void awaitLocalHeaders(GateEchoServer s, int n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (s.metrics.acceptedLocal() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.metrics.acceptedLocal()).as("LOCAL headers of HAProxy health checks").isGreaterThanOrEqualTo(n);
    }

    private void assertNoErrors() {
        assertThat(log.atLeast(Level.ERROR)).as(ErrorLogCapture.describe(log.atLeast(Level.ERROR))).isEmpty();
    }
}
