package io.jmongos.router;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.command.CommandRegistry;
import io.jmongos.router.conn.ConnectionLifecycleListener;
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
    private final CommandRegistry commands = new CommandRegistry();
    private final List<CommandInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<ConnectionLifecycleListener> connectionListeners = new CopyOnWriteArrayList<>();

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

    public CommandRegistry commands() {
        return commands;
    }

    /** Interceptors around every command, outermost first. */
    public List<CommandInterceptor> interceptors() {
        return interceptors;
    }

    /** Listeners told of every connection opened and closed. */
    public List<ConnectionLifecycleListener> connectionListeners() {
        return connectionListeners;
    }
}
