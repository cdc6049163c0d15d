package io.jmongos.router.status;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;

import io.jmongos.router.conn.ConnectionRegistry;

/**
 * {@code serverStatus.connections}: current, available, totalCreated, rejected, active, and
 * {@code loadBalanced} (open connections on the load-balancer port) when that port is on.
 */
public final class ConnectionsSection implements ServerStatusSection {
    private final ConnectionRegistry registry;
    private final IntSupplier maxIncoming;
    private final BooleanSupplier loadBalancerPortOn;

    public ConnectionsSection(ConnectionRegistry registry, IntSupplier maxIncoming, BooleanSupplier lbPortOn) {
        this.registry = registry;
        this.maxIncoming = maxIncoming;
        this.loadBalancerPortOn = lbPortOn;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public BsonDocument report() {
        int current = registry.current();
        BsonDocument d = new BsonDocument("current", new BsonInt32(current))
                .append("available", new BsonInt32(Math.max(0, maxIncoming.getAsInt() - current)))
                .append("totalCreated", new BsonInt64(registry.totalCreated()))
                .append("rejected", new BsonInt64(registry.rejected()))
                .append("active", new BsonInt32(registry.active()));
        if (loadBalancerPortOn.getAsBoolean()) {
            d.append("loadBalanced", new BsonInt32(registry.loadBalanced()));
        }
        return d;
    }
}
