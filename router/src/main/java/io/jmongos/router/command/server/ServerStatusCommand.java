package io.jmongos.router.command.server;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code serverStatus}: the fixed header (host, version, process, pid, uptime, localTime) followed by
 * every registered {@link io.jmongos.router.status.ServerStatusSection}.
 */
public final class ServerStatusCommand implements CommandHandler {
    @Override
    public String name() {
        return "serverStatus";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        RouterServices s = ctx.services();
        long uptimeMillis = s.uptimeMillis();
        BsonDocument reply = new BsonDocument("host", new BsonString(HostNames.hostName() + ":"
                + s.network().mainPort()))
                .append("version", new BsonString(BuildVersion.MONGODB_COMPATIBLE_VERSION))
                .append("process", new BsonString("mongos"))
                .append("pid", new BsonInt64(ProcessHandle.current().pid()))
                .append("uptime", new BsonDouble(uptimeMillis / 1000.0))
                .append("uptimeMillis", new BsonInt64(uptimeMillis))
                .append("uptimeEstimate", new BsonInt64(uptimeMillis / 1000))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()));
        s.serverStatus().appendTo(reply, command);
        return reply;
    }
}
