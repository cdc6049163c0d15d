package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionDecoration;

/**
 * What one connection has authenticated as (MongoDB's AuthorizationSession: several users, at most one per
 * database) and the SASL conversation in progress. Kept on the connection's state; guarded by itself (a
 * connection runs one command at a time, but commands move between threads).
 */
public final class ConnectionAuth {
    /** The connection's slot. */
    private static final ConnectionDecoration<ConnectionAuth> SLOT = ConnectionDecoration.declare("auth",
            ConnectionAuth::new);

    private final List<AuthenticatedUser> users = new ArrayList<>();
    private ScramServerConversation conversation;
    private boolean speculative;

    /** The connection's auth state, made on first use. */
    public static ConnectionAuth of(ClientConnectionState state) {
        return state.get(SLOT);
    }

    public synchronized List<AuthenticatedUser> users() {
        return List.copyOf(users);
    }

    public synchronized boolean authenticated() {
        return !users.isEmpty();
    }

    /** Add a user, replacing one already authenticated on the same database (as MongoDB does). */
    synchronized void add(AuthenticatedUser user) {
        users.removeIf(u -> u.db().equals(user.db()));
        users.add(user);
    }

    /** Log out of {@code db}. */
    synchronized void logout(String db) {
        users.removeIf(u -> u.db().equals(db));
    }

    synchronized ScramServerConversation conversation() {
        return conversation;
    }

    synchronized boolean speculative() {
        return speculative;
    }

    synchronized void start(ScramServerConversation c, boolean isSpeculative) {
        this.conversation = c;
        this.speculative = isSpeculative;
    }

    synchronized void endConversation() {
        this.conversation = null;
    }
}
