package io.jmongos.router.shard;

import java.nio.file.Path;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineOptions;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * The default shard: the embedded engine in this process. Commands go in as documents and replies come
 * back as documents, exactly as they would over the wire to a mongod; a router uses nothing else of the engine.
 * A shard server ({@code io.jmongos.router.shardsvr}) also reaps the engine's idle cursors and expired
 * transactions and reports its counters, through {@link #engine()}.
 */
public final class InProcessShard implements Shard {
    /** The name the router lists for the embedded shard. */
    public static final String NAME = "embedded";
    private static final Logger LOG = LoggerFactory.getLogger(InProcessShard.class);

    private final EmbeddedEngine engine;
    private volatile boolean closed;

    public InProcessShard(EmbeddedEngine engine) {
        this.engine = engine;
    }

    /** Open the embedded engine: in memory when {@code dbPath} is null, durable under it otherwise. */
    public static InProcessShard open(Path dbPath) {
        EngineOptions options = dbPath == null ? EngineOptions.inMemory() : EngineOptions.at(dbPath);
        InProcessShard shard = new InProcessShard(EmbeddedEngine.open(options));
        StructuredLog.info(LOG, LogIds.SHARD_OPENED, LogComponent.STORAGE, "Opened the embedded shard")
                .addKeyValue("dbPath", dbPath == null ? "(in memory)" : dbPath.toString()).log();
        return shard;
    }

    /** The engine itself, for the shard server's reapers and serverStatus (never for routing). */
    public EmbeddedEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BsonDocument runCommand(String db, BsonDocument command) {
        if (closed) {
            throw new ShardUnavailableException(NAME, "closed");
        }
        return engine.runCommand(db, command);
    }

    @Override
    public boolean answersAtOnce(String db, BsonDocument command) {
        return !closed && engine.answersAtOnce(db, command);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }
}
