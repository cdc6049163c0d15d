package io.jmongos.router.command.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code hostInfo}: the machine (host name, cores, memory from /proc/meminfo) and the OS. */
public final class HostInfoCommand implements CommandHandler {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final long KIB_PER_MIB = 1024;

    @Override
    public String name() {
        return "hostInfo";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        long memMb = memTotalMb();
        BsonDocument system = new BsonDocument("currentTime", new BsonDateTime(System.currentTimeMillis()))
                .append("hostname", new BsonString(HostNames.hostName()))
                .append("cpuAddrSize", new BsonInt32(64))
                .append("memSizeMB", new BsonInt64(memMb))
                .append("memLimitMB", new BsonInt64(memMb))
                .append("numCores", new BsonInt32(Runtime.getRuntime().availableProcessors()))
                .append("cpuArch", new BsonString(System.getProperty("os.arch", "unknown")))
                .append("numaEnabled", BsonBoolean.FALSE);
        BsonDocument os = new BsonDocument("type", new BsonString(System.getProperty("os.name", "unknown")))
                .append("name", new BsonString(System.getProperty("os.name", "unknown")))
                .append("version", new BsonString(System.getProperty("os.version", "unknown")));
        BsonDocument extra = new BsonDocument("javaVersion", new BsonString(System.getProperty("java.version", "")))
                .append("maxHeapMB", new BsonInt64(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        return new BsonDocument("system", system).append("os", os).append("extra", extra);
    }

    private static long memTotalMb() {
        try {
            List<String> lines = Files.readAllLines(MEMINFO);
            for (String l : lines) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.substring("MemTotal:".length()).trim().split("\\s+")[0]) / KIB_PER_MIB;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().maxMemory() / (KIB_PER_MIB * KIB_PER_MIB);
    }
}
