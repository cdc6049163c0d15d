package io.jmongos.router.health;

/**
 * One condition the router needs to serve clients (listeners bound, the embedded store answering, and with
 * remote shards the config server and the shards reachable). {@code GET /health/ready} and the HAProxy agent
 * ask every registered check ({@link RouterHealth#addReadinessCheck}); the router is ready when all are.
 * Called on the HTTP worker thread, never on an event loop; a check may block briefly (a ping) but should bound
 * its own wait.
 */
public interface ReadinessCheck {
    /** A short stable name, shown in the 503 body (e.g. {@code "shard:embedded"}). */
    String name();

    /** The current status. A check that throws counts as not ready, with the exception as its reason. */
    ReadinessStatus check();
}
