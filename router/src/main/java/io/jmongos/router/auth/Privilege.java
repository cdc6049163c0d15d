package io.jmongos.router.auth;

import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A set of actions on a resource, as MongoDB writes privileges: {@code {resource: {db, collection}, actions}},
 * {@code {resource: {cluster: true}, ...}} or {@code {resource: {anyResource: true}, ...}}. An empty db means every
 * database, an empty collection every collection that is not a {@code system.} one.
 */
public record Privilege(Kind kind, String db, String collection, Set<String> actions) {
    /** What the resource is. */
    public enum Kind { COLLECTION, CLUSTER, ANY }

    public Privilege {
        actions = Set.copyOf(actions);
    }

    static Privilege onDb(String db, Set<String> actions) {
        return new Privilege(Kind.COLLECTION, db, "", actions);
    }

    static Privilege onCluster(Set<String> actions) {
        return new Privilege(Kind.CLUSTER, "", "", actions);
    }

    /** Whether this privilege grants {@code action} on the collection (or database, collection "") given. */
    boolean grants(Kind wantKind, String wantDb, String wantCollection, String action) {
        if (!actions.contains(action) && !actions.contains("anyAction")) {
            return false;
        }
        return switch (kind) {
            case ANY -> true;
            case CLUSTER -> wantKind == Kind.CLUSTER;
            case COLLECTION -> wantKind == Kind.COLLECTION && (db.isEmpty() || db.equals(wantDb))
                    && (collection.isEmpty() ? !wantCollection.startsWith("system.")
                    : collection.equals(wantCollection));
        };
    }

    BsonDocument toBson() {
        BsonDocument resource = switch (kind) {
            case ANY -> new BsonDocument("anyResource", BsonBoolean.TRUE);
            case CLUSTER -> new BsonDocument("cluster", BsonBoolean.TRUE);
            case COLLECTION -> new BsonDocument("db", new BsonString(db))
                    .append("collection", new BsonString(collection));
        };
        BsonArray a = new BsonArray();
        actions.stream().sorted().forEach(x -> a.add(new BsonString(x)));
        return new BsonDocument("resource", resource).append("actions", a);
    }

    /** Parse a privilege of createRole. */
    static Privilege parse(BsonValue v) {
        if (!v.isDocument() || !v.asDocument().isDocument("resource") || !v.asDocument().isArray("actions")) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "privileges must be documents of the form {resource: {...}, actions: [...]}");
        }
        BsonDocument r = v.asDocument().getDocument("resource");
        java.util.Set<String> actions = new java.util.LinkedHashSet<>();
        for (BsonValue a : v.asDocument().getArray("actions")) {
            if (!a.isString()) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "actions must be strings");
            }
            actions.add(a.asString().getValue());
        }
        if (AuthService.isTrue(r.get("cluster"))) {
            return new Privilege(Kind.CLUSTER, "", "", actions);
        }
        if (AuthService.isTrue(r.get("anyResource"))) {
            return new Privilege(Kind.ANY, "", "", actions);
        }
        if (r.isString("db") && r.isString("collection")) {
            return new Privilege(Kind.COLLECTION, r.getString("db").getValue(), r.getString("collection").getValue(),
                    actions);
        }
        throw new CommandFailedException(ErrorCode.BAD_VALUE, "resource must be {db, collection}, {cluster: true} "
                + "or {anyResource: true}");
    }
}
