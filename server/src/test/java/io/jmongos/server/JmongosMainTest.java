package io.jmongos.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** The command line's exit codes and one-line errors (run in-process, without System.exit). */
class JmongosMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return JmongosMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    private void assertOneLineError(int code, String mentions) {
        assertThat(code).isEqualTo(2);
        String e = err.toString();
        assertThat(e).startsWith("jmongos: ").contains(mentions).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(e.strip().lines().count()).isEqualTo(1);
    }

    @Test
    void unknownOptionExitsWith2() {
        assertOneLineError(run("--frobnicate"), "--frobnicate");
    }

    @Test
    void badValueExitsWith2() {
        assertOneLineError(run("--port", "x"), "--port");
    }

    @Test
    void loadBalancerPortEqualToPortIsRefused() {
        assertOneLineError(run("--port", "28555", "--setParameter", "loadBalancerPort=28555"), "loadBalancerPort");
    }

    @Test
    void unknownSetParameterIsRefused() {
        assertOneLineError(run("--port", "0", "--setParameter", "noSuchParameter=1"), "noSuchParameter");
    }

    @Test
    void outOfRangeLoadBalancerPortIsRefused() {
        assertOneLineError(run("--port", "0", "--setParameter", "loadBalancerPort=70000"), "loadBalancerPort");
    }

    @Test
    void portInUseExitsWith2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertOneLineError(run("--port", String.valueOf(taken.getLocalPort()), "--bind_ip", "127.0.0.1"),
                    "127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void twoRolesAreRefused() {
        assertOneLineError(run("--port", "0", "--shardsvr", "--configsvr"), "--shardsvr and --configsvr");
    }

    @Test
    void configDbWithDbPathIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertOneLineError(run("--port", "0", "--configdb", "127.0.0.1:27019", "--dbpath", dir.toString()),
                "--configdb cannot be given with --dbpath");
    }

    @Test
    void configDbWithARoleIsRefused() {
        assertOneLineError(run("--port", "0", "--configdb", "127.0.0.1:27019", "--shardsvr"),
                "--configdb cannot be given with --shardsvr");
        err.getBuffer().setLength(0);
        assertOneLineError(run("--port", "0", "--configdb", "cfg/127.0.0.1:27019", "--configsvr"),
                "--configdb cannot be given with --configsvr");
    }

    @Test
    void loadBalancerPortOnAShardOrConfigServerIsRefused() {
        assertOneLineError(run("--port", "0", "--shardsvr", "--setParameter", "loadBalancerPort=28556"),
                "loadBalancerPort cannot be set on a --shardsvr");
        err.getBuffer().setLength(0);
        assertOneLineError(run("--port", "0", "--configsvr", "--setParameter", "loadBalancerPort=28556"),
                "loadBalancerPort cannot be set on a --configsvr");
    }

    @Test
    void malformedConfigDbIsRefused() {
        assertOneLineError(run("--port", "0", "--configdb", "127.0.0.1"), "has no port");
        err.getBuffer().setLength(0);
        assertOneLineError(run("--port", "0", "--configdb", "h:99999"), "not between 1 and 65535");
    }

    @Test
    void shardAndConfigServersStartAndStop() {
        assertThat(run("--port", "0", "--bind_ip", "127.0.0.1", "--shardsvr")).isZero();
        assertThat(run("--port", "0", "--bind_ip", "127.0.0.1", "--configsvr")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--bind_ip", "--setParameter", "--config", "--dbpath",
                "--shardsvr", "--configsvr", "--configdb", "retrying", "incompleteMessageBufferLimitBytes");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("jmongos version");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validArgumentsStartAndStop() {
        assertThat(run("--port", "0", "--bind_ip", "127.0.0.1")).isZero();
        assertThat(err.toString()).isEmpty();
    }
}
