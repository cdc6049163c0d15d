package io.jmongos.router.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;

/**
 * {@code serverStatus.mem}: resident and virtual size in MiB read from /proc/self/status
 * (VmRSS, VmSize in kB) where it exists, else the JVM's own figures; {@code bits} 64.
 */
public final class MemSection implements ServerStatusSection {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final long KIB_PER_MIB = 1024;
    private static final long BYTES_PER_MIB = 1024 * 1024;

    @Override
    public String name() {
        return "mem";
    }

    @Override
    public BsonDocument report() {
        long residentKb = -1;
        long virtualKb = -1;
        try {
            List<String> lines = Files.readAllLines(PROC_STATUS);
            residentKb = field(lines, "VmRSS:");
            virtualKb = field(lines, "VmSize:");
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall back to the JVM's view below
        }
        Runtime rt = Runtime.getRuntime();
        long resident = residentKb >= 0 ? residentKb / KIB_PER_MIB
                : (rt.totalMemory() - rt.freeMemory()) / BYTES_PER_MIB;
        long virtual = virtualKb >= 0 ? virtualKb / KIB_PER_MIB : rt.totalMemory() / BYTES_PER_MIB;
        return new BsonDocument("bits", new BsonInt32(64))
                .append("resident", new BsonInt64(resident))
                .append("virtual", new BsonInt64(virtual))
                .append("supported", BsonBoolean.valueOf(residentKb >= 0));
    }

    private static long field(List<String> lines, String prefix) {
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                String[] parts = l.substring(prefix.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
