package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;

import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.it.lb.FreePorts;
import io.jmongos.it.lb.HaproxyProcess;
import io.jmongos.server.JmongosServer;

/**
 * TLS on the load-balancer port behind a real HAProxy ({@code send-proxy-v2} with health checks): the PROXY
 * header arrives in clear, TLS starts after it, the driver with {@code tls=true&loadBalanced=true} works, and a
 * TLS client that sends no PROXY header first is refused as any stream without one.
 */
class TlsLoadBalancerTest {
    @TempDir
    Path dir;

    private JmongosServer start(TestCertificates certs) throws Exception {
        return JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                "--setParameter", "loadBalancerPort=" + FreePorts.next(), "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", certs.serverFile("server", null).toString()));
    }

    @Test
    void driverWithTlsThroughHaproxySendProxyV2() throws Exception {
        HaproxyProcess.assumeInstalled();
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        try (JmongosServer s = start(certs);
             ErrorLogCapture log = new ErrorLogCapture();
             HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(s.loadBalancerPort()),
                     "send-proxy-v2 check inter 500ms")) {
            try (MongoClient c = TlsDriverTest.client("mongodb://localhost:" + haproxy.port()
                    + "/?loadBalanced=true&serverSelectionTimeoutMS=5000", certs.clientContext(null))) {
                TlsDriverTest.crud(c);
                BsonDocument me = c.getDatabase("admin").runCommand(
                        new BsonDocument("whatsmyuri", new BsonInt32(1)), BsonDocument.class);
                assertThat(me.getString("you").getValue()).startsWith("127.0.0.1:");
            }
            assertThat(s.frontend().proxyMetrics().rejectedTotal()).isZero();
            assertThat(log.withMessage("Error receiving request from client. Ending connection from remote"))
                    .as("health checks close quietly").isEmpty();
        }
    }

    @Test
    void tlsClientWithoutProxyHeaderIsRefused() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        try (JmongosServer s = start(certs); ErrorLogCapture log = new ErrorLogCapture();
             SSLSocket socket = (SSLSocket) certs.clientContext(null).getSocketFactory()
                     .createSocket("localhost", s.loadBalancerPort())) {
            socket.setSoTimeout(10_000);
            Throwable failure = null;
            try {
                socket.startHandshake();
                InputStream in = socket.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
            } catch (java.io.IOException e) {
                failure = e;
            }
            assertThat(failure == null || failure instanceof java.io.IOException).isTrue();
            assertThat(log.withMessage("Error while parsing proxy protocol header")).hasSize(1);
        }
    }
}
