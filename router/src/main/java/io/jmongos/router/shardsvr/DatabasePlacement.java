package io.jmongos.router.shardsvr;

/**
 * What a shard knows of one database: its primary shard and version, from {@code config.databases}
 * ({@code {_id: db, primary: <shard name>, version: {uuid, timestamp, lastMod}}}).
 */
public record DatabasePlacement(String db, String primary, DatabaseVersion version) {
}
