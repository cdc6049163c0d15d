package io.jmongos.router.command.server;

import java.util.List;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.Limits;
import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.LoadBalancerHandshake;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.health.DrainingHello;
import io.jmongos.router.health.ReverseProxyMode;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * {@code hello} / {@code isMaster} / {@code ismaster}: the handshake, answered as mongos answers it (with
 * {@code msg: "isdbgrid"}), or on a shard or config server as a mongod answers it: no {@code msg}, and on the config
 * server {@code configsvr: 2} (mongod's hello: "configServerModeNumber", the config server's mode since 3.4).
 * Load-balancer rules (DESIGN section 4): on an LB-port connection the first hello must carry
 * {@code loadBalanced: true} and gets {@code serviceId}; without it 354 (the dispatcher then closes);
 * later hellos never carry serviceId. On the main port {@code loadBalanced: true} gets a normal reply
 * and a warning naming the LB port.
 */
public final class HelloCommand implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HelloCommand.class);
    /** mongod's {@code configsvr} value in hello on a config server (config servers as replica sets, 3.2+). */
    static final int CONFIG_SERVER_MODE_NUMBER = 2;

    private final ClusterRole role;

    /** The router's hello. */
    public HelloCommand() {
        this(ClusterRole.NONE);
    }

    /** The hello of a process of {@code role}. */
    public HelloCommand(ClusterRole role) {
        this.role = role;
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public List<String> aliases() {
        return List.of("isMaster", "ismaster");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    /** Runs on the I/O thread: answered from memory; an awaitable hello holds its reply back without a thread. */
    @Override
    public boolean runsInline(RouterServices services, BsonDocument command) {
        return true;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        ClientConnectionState conn = ctx.connection();
        boolean lbRequested = isTrue(command.get("loadBalanced"));
        boolean first = !conn.handshakeDone();
        boolean withServiceId = false;
        if (conn.loadBalancerPort()) {
            if (first && !lbRequested && !ReverseProxyMode.allowsPlainClients(ctx.services())) {
                throw LoadBalancerHandshake.mismatch();
            }
            if (first && !lbRequested) {
                conn.servePlainProxyClient();
            }
            withServiceId = first && lbRequested;
        } else if (lbRequested && first) {
            warnLoadBalancedOnMainPort(ctx);
        }
        DrainingHello.check(ctx.services());
        HelloAwait.apply(ctx, command);
        BsonValue compression = HelloCompression.negotiate(ctx, command);
        if (first) {
            conn.completeHandshake(conn.loadBalancerPort(),
                    command.isDocument("client") ? command.getDocument("client") : null);
        }
        String firstName = command.isEmpty() ? name() : command.getFirstKey();
        BsonDocument reply = new BsonDocument("hello".equals(firstName) ? "isWritablePrimary" : "ismaster",
                BsonBoolean.TRUE);
        if (!role.servesData()) {
            reply.append("msg", new BsonString("isdbgrid"));
        }
        reply.append("topologyVersion", HelloAwait.topologyVersion(ctx.services()));
        if (role == ClusterRole.CONFIGSVR) {
            reply.append("configsvr", new BsonInt32(CONFIG_SERVER_MODE_NUMBER));
        }
        reply.append("maxBsonObjectSize", new BsonInt32(Limits.MAX_BSON_OBJECT_SIZE))
                .append("maxMessageSizeBytes", new BsonInt32(Limits.MAX_MESSAGE_SIZE_BYTES))
                .append("maxWriteBatchSize", new BsonInt32(Limits.MAX_WRITE_BATCH_SIZE))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()))
                .append("logicalSessionTimeoutMinutes", new BsonInt32(Limits.LOGICAL_SESSION_TIMEOUT_MINUTES))
                .append("connectionId", new BsonInt64(conn.connectionId()))
                .append("minWireVersion", new BsonInt32(Limits.MIN_WIRE_VERSION))
                .append("maxWireVersion", new BsonInt32(Limits.MAX_WIRE_VERSION))
                .append("readOnly", BsonBoolean.FALSE);
        if (isTrue(command.get("helloOk"))) {
            reply.append("helloOk", BsonBoolean.TRUE);
        }
        if (compression != null) {
            reply.append("compression", compression);
        }
        if (withServiceId) {
            reply.append("serviceId", new BsonObjectId(ctx.services().processId()));
        }
        return reply;
    }

    private static void warnLoadBalancedOnMainPort(CommandContext ctx) {
        int lbPort = ctx.services().network().loadBalancerPort();
        String where = lbPort != 0 ? "connect load-balanced drivers through the load balancer port " + lbPort
                : "the load balancer port is off (setParameter loadBalancerPort=0)";
        StructuredLog.warn(LOG, LogIds.LOAD_BALANCED_HELLO_ON_MAIN_PORT, LogComponent.NETWORK,
                        "Received a hello with loadBalanced: true on the main port; " + where)
                .addKeyValue(StructuredLog.KEY_CTX, ctx.connection().logContext())
                .addKeyValue("remote", ClientConnectionState.format(ctx.connection().clientAddress()))
                .addKeyValue("mainPort", ctx.services().network().mainPort())
                .addKeyValue("loadBalancerPort", lbPort)
                .log();
    }

    static boolean isTrue(BsonValue v) {
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        return v.isNumber() && v.asNumber().doubleValue() != 0;
    }
}
