package io.jmongos.router;

import io.jmongos.router.param.ServerParameters;

/**
 * A pluggable part of the router (sessions and transactions, the PROXY gate's counters ...), found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.jmongos.router.RouterModule}. The server calls, in this order:
 * {@link #registerParameters} on every module, then applies {@code --setParameter}/config values,
 * then {@link #install} on every module (sorted by {@link #order()}), then starts listening.
 * Modules register their own commands (a name registered twice is an error), add interceptors,
 * connection listeners and serverStatus sections.
 */
public interface RouterModule {
    /** Lower runs first; the router's own defaults are installed before any module. */
    default int order() {
        return 100;
    }

    /**
     * Whether this module belongs in a process of {@code role}. Router state (sessions, cluster cursors, the
     * transaction router) does not belong on a shard server, which leaves them to its engine as mongod does; by
     * default a module is a router's only.
     */
    default boolean serves(ClusterRole role) {
        return role == ClusterRole.NONE;
    }

    /** Register this module's server parameters (before command-line values are applied). */
    default void registerParameters(ServerParameters parameters) {
    }

    /** Wire the module into the router. */
    void install(RouterServices services);

    /** Release what {@link #install} started (called when the server closes). */
    default void close() {
    }
}
