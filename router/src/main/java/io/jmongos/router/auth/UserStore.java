package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;

/**
 * Users and roles where MongoDB keeps them, {@code admin.system.users} and {@code admin.system.roles}, reached
 * through the cluster like any other collection (so every router behind the balancer sees the same users). This is
 * the ONE class that talks to the store, through the admin database's primary shard as {@code DatabaseRouting}
 * places it (the embedded shard in the single process, the config server in a cluster, as mongos keeps users).
 */
public final class UserStore {
    /** MongoDB's collections of users and custom roles, both in the admin database. */
    static final String DB = "admin";
    static final String USERS = "system.users";
    static final String ROLES = "system.roles";

    private final Supplier<Shard> shard;

    public UserStore(Supplier<Shard> shard) {
        this.shard = shard;
    }

    /**
     * The user or role name in {@code field} of a command; BadValue "{@code kind} name must be a non-empty string"
     * (MongoDB's message) when it is missing, not a string or empty.
     */
    static String nonEmptyName(BsonDocument cmd, String field, String kind) {
        BsonValue v = cmd.get(field);
        if (v == null || !v.isString() || v.asString().getValue().isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, kind + " name must be a non-empty string");
        }
        return v.asString().getValue();
    }

    /** {@code _id} of a user or role document: {@code <db>.<name>}. */
    static String id(String db, String name) {
        return db + "." + name;
    }

    /** The user document, or null. */
    BsonDocument user(String db, String user) {
        List<BsonDocument> found = find(USERS, new BsonDocument("_id", new BsonString(id(db, user))), 1);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every user of {@code db} (every user when db is null), sorted by _id. */
    List<BsonDocument> users(String db) {
        return find(USERS, db == null ? new BsonDocument() : new BsonDocument("db", new BsonString(db)), 0);
    }

    /** Whether any user exists (the localhost exception ends with the first one). */
    boolean anyUser() {
        return !find(USERS, new BsonDocument(), 1).isEmpty();
    }

    /** The custom role document, or null. */
    BsonDocument role(String db, String role) {
        List<BsonDocument> found = find(ROLES, new BsonDocument("_id", new BsonString(id(db, role))), 1);
        return found.isEmpty() ? null : found.get(0);
    }

    List<BsonDocument> roles(String db) {
        return find(ROLES, db == null ? new BsonDocument() : new BsonDocument("db", new BsonString(db)), 0);
    }

    /** Insert; the reply's first write error (e.g. 11000 duplicate key) is returned, null on success. */
    BsonDocument insert(String collection, BsonDocument doc) {
        return check(run(new BsonDocument("insert", new BsonString(collection))
                .append("documents", new BsonArray(List.of(doc)))));
    }

    /** Apply an update to one document by _id; returns how many matched. */
    int update(String collection, String id, BsonDocument update) {
        BsonDocument reply = run(new BsonDocument("update", new BsonString(collection)).append("updates",
                new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id", new BsonString(id)))
                        .append("u", update)))));
        BsonDocument error = check(reply);
        if (error != null) {
            throw CommandFailedException.fromReply(error);
        }
        return reply.getNumber("n", new BsonInt32(0)).intValue();
    }

    /** Delete one document by _id; returns how many were deleted. */
    int delete(String collection, String id) {
        BsonDocument reply = run(new BsonDocument("delete", new BsonString(collection)).append("deletes",
                new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id", new BsonString(id)))
                        .append("limit", new BsonInt32(1))))));
        return reply.getNumber("n", new BsonInt32(0)).intValue();
    }

    private List<BsonDocument> find(String collection, BsonDocument filter, int limit) {
        BsonDocument cmd = new BsonDocument("find", new BsonString(collection)).append("filter", filter)
                .append("sort", new BsonDocument("_id", new BsonInt32(1)))
                .append("singleBatch", org.bson.BsonBoolean.TRUE)
                .append("batchSize", new BsonInt32(limit == 0 ? Integer.MAX_VALUE : limit));
        if (limit > 0) {
            cmd.append("limit", new BsonInt32(limit));
        }
        BsonDocument reply = run(cmd);
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue v : reply.getDocument("cursor").getArray("firstBatch")) {
            out.add(v.asDocument());
        }
        return out;
    }

    private BsonDocument run(BsonDocument cmd) {
        BsonDocument reply = shard.get().runCommand(DB, cmd);
        if (reply.getNumber("ok", new BsonInt32(0)).intValue() != 1) {
            throw CommandFailedException.fromReply(reply);
        }
        return reply;
    }

    private static BsonDocument check(BsonDocument reply) {
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            return reply.getArray("writeErrors").get(0).asDocument();
        }
        return null;
    }
}
