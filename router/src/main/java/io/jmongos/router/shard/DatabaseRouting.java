package io.jmongos.router.shard;

/**
 * The router's view of which shard is each database's primary (mongos's CatalogCache for databases): a fixed
 * answer in the single process, the config server's {@code config.databases} cached in a cluster.
 */
public interface DatabaseRouting {
    /**
     * The database's route.
     *
     * @param create a write or DDL is about to run: create the database (choosing its primary shard) when it
     *               does not exist yet
     */
    DatabaseRoute route(String db, boolean create);

    /**
     * The database's primary when the router knows it without waiting (cached), else null; never does I/O, so an
     * event-loop thread may ask.
     */
    Shard primaryIfKnown(String db);

    /** A shard answered StaleDbVersion for {@code stale}: read the database's entry again on next use. */
    void invalidate(String db);

    /** A routing that sends every database to one shard, unversioned (the embedded single process). */
    static DatabaseRouting fixed(Shard shard) {
        return new DatabaseRouting() {
            @Override
            public DatabaseRoute route(String db, boolean create) {
                return new DatabaseRoute(db, shard, null, true);
            }

            @Override
            public Shard primaryIfKnown(String db) {
                return shard;
            }

            @Override
            public void invalidate(String db) {
            }
        };
    }
}
