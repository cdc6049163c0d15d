package io.jmongos.router;

import java.util.Objects;

import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.Shard;

/**
 * The router's shared services, handed to every command through its context. Each service is a
 * plain object (no Netty); the frontend and the command layer reach them only through here.
 * Services are added as fields here as they come (cursors, sessions, transactions, stats ...).
 */
public class RouterServices {
    private final Shard primaryShard;
    private final ServerParameters parameters;

    public RouterServices(Shard primaryShard, ServerParameters parameters) {
        this.primaryShard = Objects.requireNonNull(primaryShard);
        this.parameters = Objects.requireNonNull(parameters);
    }

    /** The shard that holds every database today (the embedded engine by default). */
    public Shard primaryShard() {
        return primaryShard;
    }

    public ServerParameters parameters() {
        return parameters;
    }
}
