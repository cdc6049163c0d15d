package io.jmongos.router.shardsvr;

import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;

/**
 * The shard's side of database versioning: a command that carries {@code databaseVersion} runs only if this shard is
 * the database's primary at exactly that version. The shard caches each database's placement; with no entry or a
 * different version it refreshes from the config server ({@link ConfigServerClient}) and checks again; still wrong:
 * 249 StaleDbVersion with MongoDB's extra info {@code db}, {@code vReceived} and, when this shard is the primary,
 * {@code vWanted}, and the command does not run. While the database's movePrimary critical section is held, versioned
 * commands wait (up to their {@code maxTimeMS}, else {@link #DEFAULT_CRITICAL_SECTION_WAIT_MILLIS}) and then check
 * again. Commands without {@code databaseVersion} are not checked. {@code databaseVersion} is consumed here: the
 * engine never sees it.
 */
final class DatabaseVersionCheck implements CommandInterceptor {
    /** MongoDB's StaleDbVersion. */
    static final int STALE_DB_VERSION = 249;
    static final String STALE_DB_VERSION_NAME = "StaleDbVersion";
    /**
     * How long a versioned command without maxTimeMS waits for a held critical section: 30 s, about the longest a
     * jmongos movePrimary holds one (jmongos' own limit; mongod makes the router wait on the section's signal).
     */
    static final long DEFAULT_CRITICAL_SECTION_WAIT_MILLIS = 30_000;
    /** The field routers attach (MongoDB's generic argument). */
    static final String FIELD = "databaseVersion";

    private final ShardingState sharding;
    private final ConfigServerClient configServer;
    private final DatabaseCriticalSections sections;
    private final ConcurrentHashMap<String, DatabasePlacement> cache = new ConcurrentHashMap<>();

    DatabaseVersionCheck(ShardingState sharding, ConfigServerClient configServer, DatabaseCriticalSections sections) {
        this.sharding = sharding;
        this.configServer = configServer;
        this.sections = sections;
    }

    /** A versioned command may wait for a critical section or a refresh: never on the I/O thread. */
    @Override
    public boolean allowsInline(CommandHandler handler, BsonDocument command) {
        return !command.containsKey(FIELD);
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                  Invocation next) {
        BsonValue field = command.get(FIELD);
        if (field == null) {
            return next.proceed(ctx, command);
        }
        DatabaseVersion received = DatabaseVersion.parse(FIELD, field);
        String db = ctx.db();
        ShardIdentity me = sharding.requireIdentity();
        String heldFor = sections.commandBegins(db, deadline(command));
        if (heldFor != null) {
            throw stale(db, received, null, "The critical section for the database " + db
                    + " is acquired with reason: " + heldFor);
        }
        try {
            check(db, received, me.shardName());
            return next.proceed(ctx, without(command));
        } finally {
            sections.commandDone(db);
        }
    }

    private void check(String db, DatabaseVersion received, String myName) {
        DatabasePlacement cached = cache.get(db);
        if (matches(cached, received, myName)) {
            return;
        }
        DatabasePlacement fresh = configServer.database(db);
        if (fresh == null) {
            cache.remove(db);
            throw stale(db, received, null, "No cached info for the database " + db);
        }
        cache.put(db, fresh);
        if (!fresh.primary().equals(myName)) {
            throw stale(db, received, null, "This shard (" + myName + ") is not the primary shard of database " + db
                    + " (" + fresh.primary() + " is)");
        }
        if (!fresh.version().equals(received)) {
            throw stale(db, received, fresh.version(), "Version mismatch for the database: " + db);
        }
    }

    private static boolean matches(DatabasePlacement p, DatabaseVersion received, String myName) {
        return p != null && p.primary().equals(myName) && p.version().equals(received);
    }

    /** Forget the cached placement of {@code db}; the next versioned command refreshes it. */
    void drop(String db) {
        cache.remove(db);
    }

    /** The cached placement of {@code db}, or null. */
    DatabasePlacement cached(String db) {
        return cache.get(db);
    }

    static CommandFailedException stale(String db, DatabaseVersion received, DatabaseVersion wanted, String msg) {
        CommandFailedException e = new CommandFailedException(STALE_DB_VERSION, STALE_DB_VERSION_NAME, msg)
                .with("db", new BsonString(db))
                .with("vReceived", received.toBson());
        if (wanted != null) {
            e.with("vWanted", wanted.toBson());
        }
        return e;
    }

    private static long deadline(BsonDocument command) {
        BsonValue max = command.get("maxTimeMS");
        long ms = max != null && max.isNumber() && max.asNumber().longValue() > 0 ? max.asNumber().longValue()
                : DEFAULT_CRITICAL_SECTION_WAIT_MILLIS;
        return System.nanoTime() + ms * 1_000_000L;
    }

    private static BsonDocument without(BsonDocument command) {
        BsonDocument out = new BsonDocument();
        command.forEach((k, v) -> {
            if (!k.equals(FIELD)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
