package io.jmongos.router.session;

/** One logical session in the router's cache: when it was created and last used, and by whom. */
public final class SessionRecord {
    private final LogicalSessionId lsid;
    private final long createdMillis;
    private volatile long lastUseMillis;
    private volatile ClientInfo lastClient;

    SessionRecord(LogicalSessionId lsid, long nowMillis) {
        this.lsid = lsid;
        this.createdMillis = nowMillis;
        this.lastUseMillis = nowMillis;
    }

    public LogicalSessionId lsid() {
        return lsid;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long lastUseMillis() {
        return lastUseMillis;
    }

    /** The client that last ran a command in the session, or null (e.g. created by startSession). */
    public ClientInfo lastClient() {
        return lastClient;
    }

    void touch(long nowMillis, ClientInfo client) {
        lastUseMillis = Math.max(lastUseMillis, nowMillis);
        if (client != null) {
            lastClient = client;
        }
    }
}
