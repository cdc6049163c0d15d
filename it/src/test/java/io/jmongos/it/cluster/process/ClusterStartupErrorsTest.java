package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Role and {@code --configdb} combinations that cannot work, given to the runnable jar as a new process: it exits
 * with code 2 before opening any port, and says why in exactly one line on stderr (and nothing on stdout).
 */
class ClusterStartupErrorsTest {
    /** Bound on a process that should exit at once (a JVM start on a loaded machine). */
    static final long EXIT_WITHIN_SECONDS = 90;
    /** The placeholder for an existing folder in {@link #refusals()}. */
    static final String DIR = "<dir>";

    @TempDir
    static Path dir;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.of("--shardsvr", "--configsvr"),
                        "jmongos: --shardsvr and --configsvr cannot both be given: a process has one role"),
                Arguments.of(List.of("--configdb", "127.0.0.1:27019", "--dbpath", DIR),
                        "jmongos: --configdb cannot be given with --dbpath: a cluster router owns no data (its shard "
                                + "servers and config server keep it)"),
                Arguments.of(List.of("--configdb", "127.0.0.1:27019", "--shardsvr"),
                        "jmongos: --configdb cannot be given with --shardsvr: --configdb makes a router, which "
                                + "serves no data"),
                Arguments.of(List.of("--configdb", "cfg/127.0.0.1:27019", "--configsvr"),
                        "jmongos: --configdb cannot be given with --configsvr: --configdb makes a router, which "
                                + "serves no data"),
                Arguments.of(List.of("--configdb", "127.0.0.1"),
                        "jmongos: Bad value for --configdb '127.0.0.1': '127.0.0.1' has no port (expected host:port)"),
                Arguments.of(List.of("--configdb", "127.0.0.1:99999"),
                        "jmongos: Bad value for --configdb '127.0.0.1:99999': port 99999 is not between 1 and 65535"),
                Arguments.of(List.of("--configdb", "/127.0.0.1:27019"),
                        "jmongos: Bad value for --configdb '/127.0.0.1:27019': the replica set name before '/' is "
                                + "empty"),
                Arguments.of(List.of("--shardsvr", "--setParameter", "loadBalancerPort=27018"),
                        "jmongos: loadBalancerPort cannot be set on a --shardsvr: load balancers front routers, "
                                + "which reach shard servers on their main port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void exitsTwoWithOneLine(List<String> args, String line) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JmongosProcess.java(), "-jar", JmongosProcess.jar().toString(),
                "--port", "0", "--bind_ip", "127.0.0.1"));
        args.forEach(a -> cmd.add(a.equals(DIR) ? dir.toString() : a));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            p.getOutputStream().close();
            assertThat(p.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String stderr = read(err);
        assertThat(p.exitValue()).as("exit code; stderr: " + stderr).isEqualTo(2);
        assertThat(stderr.lines().toList()).containsExactly(line.replace(DIR, dir.toString()));
        assertThat(read(out)).as("stdout").isEmpty();
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }
}
