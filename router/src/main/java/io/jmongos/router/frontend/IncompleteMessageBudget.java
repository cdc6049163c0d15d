package io.jmongos.router.frontend;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.bson.BsonDocument;
import org.bson.BsonInt64;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.status.ServerStatusSection;
import io.jmongos.wire.WireFrameDecoder;
import io.netty.channel.Channel;

/**
 * Bounds the bytes held for incomplete messages across all client connections by
 * {@code incompleteMessageBufferLimitBytes}. Each connection's frame decoder reports what it holds through its
 * {@link Account}; when a connection's holding grows and the total passes the limit, the slowest senders are closed
 * until the total is back within it: those whose incomplete message has been arriving longest (a message that has
 * been in flight longest is the slowest to complete, whatever its rate). Each is closed with one log line and its
 * bytes stop counting at once. Everyone else keeps being served, including the sender whose read tripped the limit
 * unless it is itself the slowest. Whole messages, however large, are never held and never count.
 *
 * <p>Also a {@code serverStatus.network.incompleteMessages} section: bytes held now, the limit, connections closed.
 */
final class IncompleteMessageBudget implements ServerStatusSection {
    private final LongSupplier limit;
    private final AtomicLong total = new AtomicLong();
    private final LongAdder closed = new LongAdder();
    private final Set<Account> holding = ConcurrentHashMap.newKeySet();
    private final Object evicting = new Object();

    /** @param limit the current limit in bytes (read at each check, so a runtime setParameter applies at once) */
    IncompleteMessageBudget(LongSupplier limit) {
        this.limit = limit;
    }

    /** The account of a new connection, to pass to its {@link WireFrameDecoder}. */
    Account open(ClientConnectionState state, Channel channel) {
        return new Account(state, channel);
    }

    /** Bytes held for incomplete messages now. */
    long total() {
        return total.get();
    }

    private void evictWhileOver() {
        long max = limit.getAsLong();
        if (total.get() <= max) {
            return;
        }
        synchronized (evicting) {
            while (total.get() > max) {
                Account victim = slowest();
                if (victim == null) {
                    return;
                }
                long bytes = victim.evict();
                if (bytes > 0) {
                    closed.increment();
                    ConnectionLog.closedForIncompleteMessages(victim.state, bytes, total.get() + bytes, max);
                    victim.channel.close();
                }
            }
        }
    }

    private Account slowest() {
        Account oldest = null;
        for (Account a : holding) {
            if (oldest == null || a.since - oldest.since < 0) {
                oldest = a;
            }
        }
        return oldest;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public BsonDocument report() {
        return new BsonDocument("incompleteMessages", new BsonDocument("bytes", new BsonInt64(total.get()))
                .append("limitBytes", new BsonInt64(limit.getAsLong()))
                .append("connectionsClosed", new BsonInt64(closed.sum())));
    }

    /** One connection's holding. Updated on its event loop; evicted from whichever loop passed the limit. */
    final class Account implements WireFrameDecoder.BufferedBytesListener {
        private final ClientConnectionState state;
        private final Channel channel;
        private long held;
        private volatile long since;
        private boolean evicted;

        private Account(ClientConnectionState state, Channel channel) {
            this.state = state;
            this.channel = channel;
        }

        @Override
        public void buffered(int bytes) {
            boolean grew;
            synchronized (this) {
                if (evicted || bytes == held) {
                    return;
                }
                long previous = held;
                held = bytes;
                if (previous == 0) {
                    since = System.nanoTime();
                    holding.add(this);
                } else if (bytes == 0) {
                    holding.remove(this);
                }
                total.addAndGet(bytes - previous);
                grew = bytes > previous;
            }
            if (grew) {
                evictWhileOver();
            }
        }

        /** Stops counting this connection's bytes; returns how many it held (0 if nothing, or already evicted). */
        private synchronized long evict() {
            holding.remove(this);
            if (evicted) {
                return 0;
            }
            evicted = true;
            long bytes = held;
            held = 0;
            total.addAndGet(-bytes);
            return bytes;
        }
    }
}
