package io.jmongos.bench.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.jmongos.bench.target.ProcessStats;

/**
 * async-profiler driven through {@code jcmd <pid> JVMTI.agent_load} (what its own launcher does by dynamic
 * attach): started on a running target before the measured loads, stopped after them with a collapsed-stacks
 * dump, so the profile holds the measured loads only (not start-up, data loading or the JIT warm-up). The
 * library comes from {@value #LIB_ENV} or from the async-profiler 3.0 jar in the local Maven repository.
 */
public final class AsyncProfiler {
    /** Environment variable: path of a libasyncProfiler.so to use instead of the one in the Maven repository. */
    public static final String LIB_ENV = "BENCH_ASYNC_PROFILER_LIB";
    /** tools.profiler:async-profiler:3.0 in the local Maven repository; it carries the native libraries. */
    static final String JAR = ".m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0.jar";
    /** CPU samples (perf events, or a timer where those are not allowed) every millisecond, one tree per thread. */
    static final String START = "start,event=cpu,interval=1ms,threads";
    /** The flags that make stacks of compiled code exact between safepoints (async-profiler's advice). */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:+DebugNonSafepoints");

    private AsyncProfiler() {
    }

    /** The library to load: from {@value #LIB_ENV}, or extracted from the Maven repository jar into {@code dir}. */
    public static Path library(Path dir) throws IOException {
        String env = System.getenv(LIB_ENV);
        if (env != null && !env.isBlank()) {
            Path lib = Path.of(env.trim());
            if (!Files.isRegularFile(lib)) {
                throw new IOException(LIB_ENV + "=" + env + " is not a file");
            }
            return lib.toAbsolutePath();
        }
        Path jar = Path.of(System.getProperty("user.home")).resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("async-profiler not found: " + jar + " is missing and " + LIB_ENV + " is not set");
        }
        String entry = platform() + "/libasyncProfiler.so";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IOException(jar + " has no " + entry);
            }
            Path lib = dir.resolve("libasyncProfiler.so").toAbsolutePath();
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            }
            return lib;
        }
    }

    private static String platform() throws IOException {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").startsWith("Linux")) {
            throw new IOException("--profile needs Linux");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-arm64";
            default -> throw new IOException("no async-profiler library for " + arch);
        };
    }

    /** Start CPU profiling in the running JVM {@code pid}. */
    public static void start(long pid, Path lib) throws IOException {
        agent(pid, lib, START);
    }

    /** Stop profiling in {@code pid} and dump its samples as collapsed stacks to {@code file}. */
    public static void stop(long pid, Path lib, Path file) throws IOException {
        agent(pid, lib, "stop,threads,collapsed,file=" + file.toAbsolutePath());
    }

    private static void agent(long pid, Path lib, String options) throws IOException {
        // jcmd's argument parser splits on '=' unless the value is quoted
        String out = ProcessStats.jcmd(pid, "JVMTI.agent_load " + lib + " \"" + options + "\"");
        if (!out.contains("return code: 0")) {
            throw new IOException("async-profiler '" + options + "' in " + pid + " failed: " + out.trim());
        }
    }
}
