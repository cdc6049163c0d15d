package io.jmongos.it.cluster.process;

import org.bson.Document;

import com.mongodb.client.MongoClient;

/** Where a database lives, as the config server says, and putting one on a chosen shard. */
final class Databases {
    private Databases() {
    }

    /** The primary shard of {@code db} from {@code config.databases}, read through a router; null when missing. */
    static String primary(MongoClient router, String db) {
        Document entry = router.getDatabase("config").getCollection("databases").find(new Document("_id", db))
                .first();
        return entry == null ? null : entry.getString("primary");
    }

    /**
     * Create {@code db} (a first write to its {@code collection}) and make {@code shard} its primary, with
     * movePrimary when the router placed it elsewhere.
     */
    static void createOn(MongoClient router, String db, String collection, String shard) {
        router.getDatabase(db).getCollection(collection).insertOne(new Document("seed", true));
        if (!shard.equals(primary(router, db))) {
            router.getDatabase("admin").runCommand(new Document("movePrimary", db).append("to", shard));
        }
    }
}
