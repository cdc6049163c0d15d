package io.jmongos.router.shard;

import org.bson.BsonDocument;

/**
 * A shard as the router sees it: run a command document against a database, get a reply document,
 * exactly as mongos talks to mongod. Command errors come back as {@code {ok: 0, ...}} replies;
 * only transport failures throw ({@link ShardUnavailableException}).
 * Implementations: the in-process embedded engine, and the remote wire-protocol client.
 */
public interface Shard extends AutoCloseable {
    /** The shard's name, as listed by the router (e.g. {@code "embedded"}). */
    String name();

    /**
     * The shard's address as the config server lists it ({@code host:port}, or {@code rs/h1:p1,...}); the name for
     * a shard in this process.
     */
    default String host() {
        return name();
    }

    /**
     * Run {@code command} against database {@code db}; thread-safe; may block. Router code sends client commands
     * through {@code routing.ShardRequestSender} and its own control commands through {@link #run}, never this.
     */
    BsonDocument runCommand(String db, BsonDocument command);

    /** Run a command of the router's own (killCursors, abortTransaction, metadata reads) and read the reply. */
    default ShardReply run(String db, BsonDocument command) {
        return ShardReply.of(name(), runCommand(db, command));
    }

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
