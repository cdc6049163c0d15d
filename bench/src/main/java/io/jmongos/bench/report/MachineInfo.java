package io.jmongos.bench.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** The machine a run was on: cores, CPU model, memory, kernel, JVM, load averages. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static BsonDocument collect() {
        return new BsonDocument("host", new BsonString(hostName()))
                .append("nproc", new BsonInt32(Runtime.getRuntime().availableProcessors()))
                .append("cpuModel", new BsonString(cpuModel()))
                .append("memTotal", new BsonString(memTotal()))
                .append("kernel", new BsonString(firstLine(Path.of("/proc/sys/kernel/osrelease"))))
                .append("jvm", new BsonString(System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")"))
                .append("loadAverageAtStart", new BsonString(loadAverage()));
    }

    /** /proc/loadavg's 1, 5 and 15 minute averages. */
    public static String loadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"));
        String[] parts = line.split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : line;
    }

    public static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    static String memTotal() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static String firstLine(Path p) {
        List<String> l = lines(p);
        return l.isEmpty() ? "unknown" : l.get(0).trim();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
