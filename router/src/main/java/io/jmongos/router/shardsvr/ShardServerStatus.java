package io.jmongos.router.shardsvr;

import java.util.function.Supplier;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineCounters;
import io.jmongos.router.status.ServerStatusSection;
import io.jmongos.router.status.ServerStatusSections;

/**
 * A shard server's serverStatus sections from its engine, with mongod's field names: {@code metrics.cursor}
 * ({@code open.total}, {@code totalOpened}, {@code timedOut}) and {@code transactions} ({@code currentOpen},
 * {@code totalStarted}, {@code totalCommitted}, {@code totalAborted}), so the shard's own cursors and transactions
 * can be watched coming and going.
 */
final class ShardServerStatus {
    private ShardServerStatus() {
    }

    static void register(ServerStatusSections sections, EmbeddedEngine engine) {
        sections.register(section("metrics", () -> new BsonDocument("cursor", cursor(engine.counters()))));
        sections.register(section("transactions", () -> transactions(engine.counters())));
    }

    static BsonDocument cursor(EngineCounters c) {
        return new BsonDocument("timedOut", new BsonInt64(c.cursorsTimedOut()))
                .append("totalOpened", new BsonInt64(c.cursorsOpened()))
                .append("open", new BsonDocument("noTimeout", new BsonInt64(0))
                        .append("pinned", new BsonInt64(0))
                        .append("total", new BsonInt64(c.openCursors())));
    }

    static BsonDocument transactions(EngineCounters c) {
        return new BsonDocument("currentOpen", new BsonInt32(c.openTransactions()))
                .append("totalStarted", new BsonInt64(c.transactionsStarted()))
                .append("totalCommitted", new BsonInt64(c.transactionsCommitted()))
                .append("totalAborted", new BsonInt64(c.transactionsAborted()));
    }

    private static ServerStatusSection section(String name, Supplier<BsonValue> report) {
        return new ServerStatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BsonValue report() {
                return report.get();
            }
        };
    }
}
