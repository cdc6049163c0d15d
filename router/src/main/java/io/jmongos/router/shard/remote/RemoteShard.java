package io.jmongos.router.shard.remote;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardUnavailableException;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientResources;

/**
 * A shard across the network: commands go over pooled {@link io.jmongos.wire.client.WireClientConnection}s to a
 * jmongos shard server (or, untested, a mongod: see {@link ReplicaSetPrimaryConnector}), and the reply document comes
 * back as it is, command errors included ({@code {ok: 0}}). Only transport failures throw, as
 * {@link ShardUnavailableException} with MongoDB's code: HostUnreachable (6) when no connection can be opened
 * within the connect timeout, the host is known to be down, or a connection closes before the reply;
 * NetworkTimeout (89) when the reply (or a free connection) does not come within the request timeout; Interrupted
 * (11601) when the waiting thread is interrupted. Callers add error labels.
 *
 * <p>One pool per shard, one reachability state with a backoff probe, and a maintenance pass every
 * {@value #MAINTENANCE_INTERVAL_MILLIS} ms (idle connections, the minimum). {@link #runCommand} blocks its thread;
 * it must not be called on one of the client resources' event loops.
 */
public final class RemoteShard implements Shard {
    /** How often the pool closes idle connections and tops up to the minimum: 1 s (jmongos's choice). */
    static final long MAINTENANCE_INTERVAL_MILLIS = 1_000;

    private final String name;
    private final ShardHostAddress address;
    private final RemoteShardSettings settings;
    private final WireClientResources resources;
    private final HostReachability reachability;
    private final ShardConnectionPool pool;
    private final ScheduledFuture<?> maintenance;
    private volatile boolean closed;

    /**
     * A shard named {@code name} at {@code host} ({@code host:port}, or {@code rs/h1:p1,h2:p2}); connections are
     * made on {@code resources}, which the caller owns and closes after every shard that uses it. Opens the
     * pool's minimum at once, in the background.
     *
     * @throws IllegalArgumentException when {@code host} cannot be parsed
     */
    public RemoteShard(String name, String host, RemoteShardSettings settings, WireClientResources resources) {
        this.name = name;
        this.address = ShardHostAddress.parse(host);
        this.settings = settings;
        this.resources = resources;
        WireClientOptions options = WireClientOptions.defaults().withConnectTimeout(settings.connectTimeout())
                .withRequestTimeout(settings.requestTimeout()).withCompressors(settings.compressors())
                .withSecurity(settings.security());
        this.reachability = new HostReachability(name, address.toString(), resources.group());
        this.pool = new ShardConnectionPool(address.toString(), ShardConnector.of(address, resources, options),
                settings, reachability);
        reachability.probeWith(pool::openIdle);
        this.maintenance = resources.group().scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    /** The host string as given (normalised: {@code host:port} or {@code rs/h1:p1,h2:p2}). */
    public String host() {
        return address.toString();
    }

    /** Whether the last attempt to open a connection succeeded (false also before any attempt). */
    public boolean reachable() {
        return reachability.state() == HostReachability.State.REACHABLE;
    }

    public PoolStats poolStats() {
        return pool.stats();
    }

    @Override
    public BsonDocument runCommand(String db, BsonDocument command) {
        if (closed) {
            throw new ShardUnavailableException(name, "closed");
        }
        if (resources.inEventLoop()) {
            throw new IllegalStateException("RemoteShard.runCommand would block its own event loop");
        }
        WireClientException down = reachability.unreachableBecause();
        if (down != null) {
            throw new ShardUnavailableException(ErrorCode.HOST_UNREACHABLE, name,
                    "host " + address + " is unreachable: " + down.getMessage());
        }
        long timeoutNanos = requestTimeoutNanos(command);
        long deadline = System.nanoTime() + timeoutNanos;
        PooledConnection connection;
        try {
            connection = pool.acquire(deadline);
        } catch (WireClientException e) {
            throw unavailable(e);
        }
        try {
            long remaining = Math.max(1, deadline - System.nanoTime());
            BsonDocument reply = connection.connection().command(db, command, Duration.ofNanos(remaining));
            pool.release(connection);
            return reply;
        } catch (WireClientException e) {
            pool.discard(connection);
            throw unavailable(e);
        } catch (RuntimeException e) {
            pool.discard(connection);
            throw e;
        }
    }

    /** The request timeout, plus the command's maxTimeMS when it sets one (the shard then enforces that). */
    long requestTimeoutNanos(BsonDocument command) {
        long millis = settings.requestTimeout().toMillis();
        BsonValue maxTime = command.get("maxTimeMS");
        if (maxTime != null && maxTime.isNumber()) {
            long m = maxTime.asNumber().longValue();
            if (m > 0 && m <= RemoteShardParameters.MAX_TIMEOUT_MS) {
                millis += m;
            }
        }
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private ShardUnavailableException unavailable(WireClientException e) {
        ErrorCode code = switch (e.kind()) {
            case TIMEOUT -> ErrorCode.NETWORK_TIMEOUT;
            case INTERRUPTED -> ErrorCode.INTERRUPTED;
            default -> ErrorCode.HOST_UNREACHABLE;
        };
        return new ShardUnavailableException(code, name, e.getMessage());
    }

    private void maintain() {
        if (!closed && reachability.state() != HostReachability.State.UNREACHABLE) {
            pool.maintain();
        }
    }

    /** Closes the pool and its connections; later commands fail with HostUnreachable. Does not close resources. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            maintenance.cancel(false);
            reachability.close();
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "RemoteShard{" + name + " at " + address + "}";
    }
}
