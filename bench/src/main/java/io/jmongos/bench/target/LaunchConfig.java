package io.jmongos.bench.target;

import java.nio.file.Path;
import java.util.List;

/**
 * How targets are started: the run folder (logs, configs, JFR files), the java binary and class path for JVM
 * targets, the jmongos shaded jar (null: run io.jmongos.server.JmongosMain from the class path), the JVM flags
 * every JVM target gets (recorded), whether to record a JFR profile of jmongos targets, and the async-profiler
 * library with which the load phase profiles the jmongos targets (null: no profile).
 */
public record LaunchConfig(Path runDir, String javaBin, String classpath, Path jmongosJar, List<String> jvmFlags,
                           boolean jfr, Path asyncProfilerLib) {
    /** Same flags for every JVM target so they are measured the same way: fixed 1 GiB heap, G1. */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
}
