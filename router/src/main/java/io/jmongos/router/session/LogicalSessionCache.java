package io.jmongos.router.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.jmongos.common.CommandFailedException;

/**
 * The router's logical sessions (mongos's LogicalSessionCache, without a sessions collection): every command
 * with an {@code lsid} creates or refreshes its record; records idle longer than the session timeout expire
 * at the next refresh pass.
 */
public final class LogicalSessionCache {
    /** ErrorCodes::TooManyLogicalSessions. */
    static final int TOO_MANY_LOGICAL_SESSIONS = 261;

    private final Map<LogicalSessionId, SessionRecord> sessions = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final IntSupplier maxSessions;

    public LogicalSessionCache(LongSupplier clockMillis, IntSupplier maxSessions) {
        this.clock = clockMillis;
        this.maxSessions = maxSessions;
    }

    /** Create the session if new, else mark it used now; {@code client} may be null. */
    public SessionRecord vivify(LogicalSessionId lsid, ClientInfo client) {
        long now = clock.getAsLong();
        SessionRecord r = sessions.get(lsid);
        if (r == null) {
            if (sessions.size() >= maxSessions.getAsInt()) {
                throw new CommandFailedException(TOO_MANY_LOGICAL_SESSIONS, "TooManyLogicalSessions",
                        "Unable to add session into the cache because the number of active sessions is too high");
            }
            r = sessions.computeIfAbsent(lsid, k -> new SessionRecord(k, now));
        }
        r.touch(now, client);
        return r;
    }

    public SessionRecord get(LogicalSessionId lsid) {
        return sessions.get(lsid);
    }

    /** Forget a session (endSessions/killSessions); returns its record or null. */
    public SessionRecord remove(LogicalSessionId lsid) {
        return sessions.remove(lsid);
    }

    /** Remove and return the sessions idle longer than {@code timeoutMillis}. */
    public List<SessionRecord> expire(long timeoutMillis) {
        long now = clock.getAsLong();
        List<SessionRecord> out = new ArrayList<>();
        for (SessionRecord r : sessions.values()) {
            if (now - r.lastUseMillis() > timeoutMillis && sessions.remove(r.lsid(), r)) {
                out.add(r);
            }
        }
        return out;
    }

    public Collection<SessionRecord> all() {
        return new ArrayList<>(sessions.values());
    }

    public int size() {
        return sessions.size();
    }
}
