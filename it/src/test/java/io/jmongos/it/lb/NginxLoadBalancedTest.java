package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/** A real nginx stream proxy with {@code proxy_protocol on} in front of jmongos: driver CRUD through it. */
class NginxLoadBalancedTest {
    @TempDir
    Path dir;

    @Test
    void driverThroughNginx() throws Exception {
        NginxProcess.assumeInstalled();
        try (JmongosServer server = Jmongos.startWithLoadBalancerPort();
             ErrorLogCapture log = new ErrorLogCapture();
             NginxProcess nginx = NginxProcess.start(dir, List.of(server.loadBalancerPort()))) {
            ServiceIdRecorder ids = new ServiceIdRecorder();
            try (MongoClient client = HaproxyLoadBalancedTest.client(
                    "mongodb://127.0.0.1:" + nginx.port() + "/?loadBalanced=true", ids)) {
                LoadBalancedWorkload.run(client, "nginx");
            }
            assertThat(ids.distinct()).containsExactly(server.services().processId());
            assertThat(server.frontend().proxyMetrics().acceptedV1()).isGreaterThanOrEqualTo(1);
            assertThat(server.frontend().proxyMetrics().rejectedTotal()).isZero();
            assertThat(log.atLeast(Level.ERROR)).as(ErrorLogCapture.describe(log.atLeast(Level.ERROR))).isEmpty();
        }
    }
}
