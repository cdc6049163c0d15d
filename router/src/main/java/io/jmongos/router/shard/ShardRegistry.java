package io.jmongos.router.shard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * The shards this router knows, by name: one embedded shard in the single-process default, or the cluster's
 * shards as the config server lists them ({@code config.shards}), connected through a {@link ShardConnector} and
 * kept in step by {@link #update}. Lookups never block; a name the registry does not know is MongoDB's
 * ShardNotFound (70).
 */
public final class ShardRegistry implements AutoCloseable {
    /** A shard as the config server lists it. */
    public record ShardEntry(String name, String host) {
        public ShardEntry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(host);
        }
    }

    /** Opens a connection-backed shard for a config entry. */
    @FunctionalInterface
    public interface ShardConnector {
        Shard connect(String name, String host);
    }

    private record Member(Shard shard, String host) {
    }

    private final ShardConnector connector;
    private volatile Map<String, Member> members = Map.of();
    private volatile Supplier<List<ShardEntry>> source;

    private ShardRegistry(ShardConnector connector) {
        this.connector = connector;
    }

    /** A registry of fixed shards (the embedded default, tests). */
    public static ShardRegistry of(Shard... shards) {
        ShardRegistry r = new ShardRegistry(null);
        Map<String, Member> m = new TreeMap<>();
        for (Shard s : shards) {
            m.put(s.name(), new Member(s, s.host()));
        }
        r.members = Collections.unmodifiableMap(m);
        return r;
    }

    /** A registry filled from the config server through {@link #update}. */
    public static ShardRegistry connecting(ShardConnector connector) {
        return new ShardRegistry(Objects.requireNonNull(connector));
    }

    /** A new connection-backed shard that the registry does not keep (addShard's checks); the caller closes it. */
    public Shard open(String name, String host) {
        if (connector == null) {
            throw new IllegalStateException("a fixed shard registry connects to no shard");
        }
        return connector.connect(name, host);
    }

    /** Whether this registry follows the config server (a cluster router) rather than holding fixed shards. */
    public boolean followsConfigServer() {
        return connector != null;
    }

    /**
     * Where {@link #refreshed()} reads the cluster's shards from (the config server's {@code config.shards}); set
     * once by a cluster router.
     */
    public void followConfigServer(Supplier<List<ShardEntry>> configShards) {
        if (connector == null) {
            throw new IllegalStateException("a fixed shard registry does not follow the config server");
        }
        this.source = Objects.requireNonNull(configShards);
    }

    /**
     * Every shard, ordered by name, after bringing the registry in step with the config server when it follows one
     * (one read of {@code config.shards}): what a command that goes to every shard uses, so that a shard added or
     * removed through another router is seen at once (mongos reloads its ShardRegistry periodically and when a shard
     * is not found; jmongos pays one config read per such command instead, which admin commands can afford).
     */
    public List<Shard> refreshed() {
        Supplier<List<ShardEntry>> s = source;
        if (s != null) {
            update(s.get());
        }
        return all();
    }

    /** The shard called {@code name}; ShardNotFound (70) when there is none. */
    public Shard get(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new CommandFailedException(ErrorCode.SHARD_NOT_FOUND, "Shard " + name + " not found");
        }
        return m.shard();
    }

    /** Whether a shard of this name is known. */
    public boolean contains(String name) {
        return members.containsKey(name);
    }

    /** Every shard, ordered by name. */
    public List<Shard> all() {
        List<Shard> out = new ArrayList<>();
        members.values().forEach(m -> out.add(m.shard()));
        return out;
    }

    /** The host string of a shard ("h:p" or "rs/h1:p1,h2:p2"), as the config server lists it. */
    public String hostOf(String name) {
        Member m = members.get(name);
        return m == null ? null : m.host();
    }

    /** The shard whose host is {@code host}, or null. */
    public Shard byHost(String host) {
        for (Member m : members.values()) {
            if (m.host().equals(host)) {
                return m.shard();
            }
        }
        return null;
    }

    /**
     * Bring the registry in step with the config server's list: connect new shards, close removed ones (and ones
     * whose host changed, which are connected anew). Shards listed before and after keep their connections.
     */
    public synchronized void update(List<ShardEntry> entries) {
        if (connector == null) {
            throw new IllegalStateException("a fixed shard registry does not follow the config server");
        }
        Map<String, Member> old = members;
        Map<String, Member> next = new TreeMap<>();
        for (ShardEntry e : entries) {
            Member had = old.get(e.name());
            next.put(e.name(), had != null && had.host().equals(e.host()) ? had
                    : new Member(connector.connect(e.name(), e.host()), e.host()));
        }
        members = Collections.unmodifiableMap(next);
        for (Map.Entry<String, Member> e : old.entrySet()) {
            Member now = next.get(e.getKey());
            if (now == null || now.shard() != e.getValue().shard()) {
                e.getValue().shard().close();
            }
        }
    }

    @Override
    public synchronized void close() {
        Map<String, Member> old = members;
        members = Map.of();
        old.values().forEach(m -> m.shard().close());
    }
}
