package io.jmongos.it.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import io.jmongos.server.log.LoggingSetup;

/**
 * The lifecycle of a {@link ClusterProcesses} in JUnit, and its logs when a case fails.
 * {@link #shared()}: one cluster for every test class of the run that uses it (started by the first, stopped when
 * the run ends, through JUnit's root store), for cases that do not disturb each other. {@link #own}: a cluster for
 * one class, stopped after it (cases that kill processes). When a case fails, what every process logged during it
 * is printed (the last {@value #LOG_LINES_SHOWN} lines of each), and the cluster's folder is kept.
 */
final class ClusterProcessesExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        TestWatcher {
    /** Lines of each process's log printed for a failed case: enough for the case, not a whole run. */
    static final int LOG_LINES_SHOWN = 300;
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClusterProcessesExtension.class);

    private final ClusterOptions options;
    private final boolean shared;
    private final Map<String, Long> logOffsets = new HashMap<>();
    private Handle handle;

    private ClusterProcessesExtension(ClusterOptions options, boolean shared) {
        this.options = options;
        this.shared = shared;
    }

    /** Issue 11's cluster (three routers behind HAProxy), shared by every class that asks for it. */
    static ClusterProcessesExtension shared() {
        return new ClusterProcessesExtension(ClusterOptions.balancedThreeRouters(), true);
    }

    /** A cluster of this shape for one class only. */
    static ClusterProcessesExtension own(ClusterOptions options) {
        return new ClusterProcessesExtension(options, false);
    }

    ClusterProcesses cluster() {
        if (handle == null) {
            throw new IllegalStateException("the cluster is started before the first case of the class");
        }
        return handle.cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The test JVM logs as an in-process jmongos does (JSON lines, INFO; the driver's DEBUG chatter off).
        LoggingSetup.configure(null, false, 0, false);
        if (shared) {
            handle = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("shared", k -> Handle.start(options, "shared"), Handle.class);
        } else {
            handle = Handle.start(options, context.getRequiredTestClass().getSimpleName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared && handle != null) {
            handle.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        logOffsets.clear();
        for (JmongosProcess p : cluster().processes()) {
            logOffsets.put(p.name(), p.logSize());
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (handle == null) {
            return;
        }
        handle.keep = true;
        StringBuilder sb = new StringBuilder("==== ").append(context.getDisplayName())
                .append(" failed; logs of the cluster in ").append(handle.cluster.dir()).append('\n');
        for (JmongosProcess p : handle.cluster.processes()) {
            List<String> lines = p.logSince(logOffsets.getOrDefault(p.name(), 0L)).lines().toList();
            sb.append("---- ").append(p.name()).append(" (port ").append(p.port()).append(", ")
                    .append(lines.size()).append(" lines during the case):\n");
            lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size())
                    .forEach(l -> sb.append(l).append('\n'));
        }
        System.out.println(sb);
    }

    /** A started cluster and its folder, deleted at close unless a case failed. */
    private static final class Handle implements ExtensionContext.Store.CloseableResource {
        final ClusterProcesses cluster;
        final Path dir;
        volatile boolean keep;

        private Handle(ClusterProcesses cluster, Path dir) {
            this.cluster = cluster;
            this.dir = dir;
        }

        static Handle start(ClusterOptions options, String name) {
            Path dir;
            try {
                dir = Files.createTempDirectory("jmongos-cluster-" + name + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Handle(ClusterProcesses.start(dir, options), dir);
        }

        @Override
        public void close() {
            cluster.close();
            if (!keep) {
                delete(dir);
            }
        }

        private static void delete(Path dir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
