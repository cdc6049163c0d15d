package io.jmongos.router.shard;

import org.bson.BsonDocument;

/**
 * A shard as the router sees it: run a command document against a database, get a reply document,
 * exactly as mongos talks to mongod. Command errors come back as {@code {ok: 0, ...}} replies;
 * only transport failures throw ({@link ShardUnavailableException}).
 * Implementations: the in-process embedded engine, and (later) a remote wire-protocol client.
 */
public interface Shard extends AutoCloseable {
    /** The shard's name, as listed by the router (e.g. {@code "embedded"}). */
    String name();

    /** Run {@code command} against database {@code db}; thread-safe; may block. */
    BsonDocument runCommand(String db, BsonDocument command);

    /**
     * Whether {@link #runCommand} would answer this command at once, without waiting and after a small bounded
     * amount of work (an in-process point read), so a thread that must not block may call it. False by default:
     * a shard across the network always makes the caller wait.
     */
    default boolean answersAtOnce(String db, BsonDocument command) {
        return false;
    }

    @Override
    void close();
}
