package io.jmongos.router.command.server;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.common.Limits;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code buildInfo}: the version (see {@link BuildVersion}), limits and build facts. */
public final class BuildInfoCommand implements CommandHandler {
    @Override
    public String name() {
        return "buildInfo";
    }

    @Override
    public List<String> aliases() {
        return List.of("buildinfo");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    /** Runs on the I/O thread: answered from memory. */
    @Override
    public boolean runsInline(RouterServices services, BsonDocument command) {
        return true;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonArray versionArray = new BsonArray();
        BuildVersion.VERSION_ARRAY.forEach(v -> versionArray.add(new BsonInt32(v)));
        return new BsonDocument("version", new BsonString(BuildVersion.MONGODB_COMPATIBLE_VERSION))
                .append("gitVersion", new BsonString("jmongos-" + BuildVersion.JMONGOS_VERSION))
                .append("jmongos", new BsonString(BuildVersion.JMONGOS_VERSION))
                .append("modules", new BsonArray())
                .append("allocator", new BsonString("system"))
                .append("javascriptEngine", new BsonString("none"))
                .append("sysInfo", new BsonString("deprecated"))
                .append("versionArray", versionArray)
                .append("bits", new BsonInt32(64))
                .append("debug", BsonBoolean.FALSE)
                .append("maxBsonObjectSize", new BsonInt32(Limits.MAX_BSON_OBJECT_SIZE))
                .append("storageEngines", new BsonArray(List.of(new BsonString("rocksdb"))))
                .append("openssl", new BsonDocument("running", new BsonString("disabled")))
                .append("buildEnvironment", new BsonDocument("target_os", new BsonString(
                        System.getProperty("os.name", "unknown").toLowerCase()))
                        .append("target_arch", new BsonString(System.getProperty("os.arch", "unknown")))
                        .append("java", new BsonString(System.getProperty("java.version", "unknown"))));
    }
}
