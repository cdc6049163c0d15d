package io.jmongos.engine.changes;

import java.util.Set;

/**
 * What a change stream watches: one collection, one database, or every database (whole cluster). It decides which
 * changes the stream shows and which invalidate it: for a collection its drop and its database's drop, for a
 * database its drop; a whole-cluster stream is never invalidated.
 *
 * @param db         the database; null for the whole cluster
 * @param collection the collection; null for a database or the whole cluster
 */
public record ChangeStreamScope(String db, String collection) {
    /** Databases a whole-cluster stream does not show (MongoDB's change streams skip them too). */
    static final Set<String> INTERNAL_DATABASES = Set.of("admin", "config", "local");
    private static final String SYSTEM_PREFIX = "system.";

    public static ChangeStreamScope cluster() {
        return new ChangeStreamScope(null, null);
    }

    /** True when the stream shows this change. */
    public boolean shows(ChangeRecord r) {
        if (db == null) {
            return !INTERNAL_DATABASES.contains(r.db()) && !isSystem(r.collection());
        }
        if (!db.equals(r.db())) {
            return false;
        }
        if (collection == null) {
            return !isSystem(r.collection());
        }
        return collection.equals(r.collection());
    }

    /** True when the change ends the stream with an invalidate event (after the change itself, if shown). */
    public boolean invalidatedBy(ChangeRecord r) {
        if (db == null || !db.equals(r.db())) {
            return false;
        }
        if (collection == null) {
            return r.kind() == ChangeKind.DROP_DATABASE;
        }
        return r.kind() == ChangeKind.DROP_DATABASE
                || r.kind() == ChangeKind.DROP && collection.equals(r.collection());
    }

    private static boolean isSystem(String coll) {
        return coll != null && coll.startsWith(SYSTEM_PREFIX);
    }
}
