package io.jmongos.router.shard;

import org.bson.BsonDocument;

/**
 * Where a database's unsharded collections live: its primary shard, and the database version the router
 * attaches to every command it sends there ({@code databaseVersion}: {@code {uuid, timestamp, lastMod}}), or null
 * where there are no versions (the embedded single process; a database that does not exist yet, read from
 * any shard).
 *
 * @param exists false for a database no one has created: reads see it empty, nothing is versioned
 */
public record DatabaseRoute(String db, Shard primary, BsonDocument version, boolean exists) {
    public boolean versioned() {
        return version != null;
    }
}
