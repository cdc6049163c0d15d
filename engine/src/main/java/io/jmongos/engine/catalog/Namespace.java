package io.jmongos.engine.catalog;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** A collection namespace {@code db.collection}. */
public record Namespace(String db, String collection) {
    /** MongoDB's limit on database name length (DatabaseName::kMaxDatabaseNameLength). */
    public static final int MAX_DB_NAME_LENGTH = 63;
    /** MongoDB's limit on a full namespace (NamespaceString::MaxNsLen, 255 bytes). */
    public static final int MAX_NAMESPACE_LENGTH = 255;

    public String full() {
        return db + "." + collection;
    }

    @Override
    public String toString() {
        return full();
    }

    /** Checks a database name as MongoDB does (no empty name, no / \ . " $ space or NUL, length limit). */
    public static void validateDb(String db) {
        if (db == null || db.isEmpty() || db.length() > MAX_DB_NAME_LENGTH) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid database name: '" + db + "'");
        }
        for (char c : db.toCharArray()) {
            if ("/\\. \"$\0".indexOf(c) >= 0) {
                throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid database name: '" + db + "'");
            }
        }
    }

    /** Builds and checks a collection namespace (non-empty, no NUL, no '$', fits in 255 bytes). */
    public static Namespace of(String db, String collection) {
        validateDb(db);
        Namespace ns = new Namespace(db, collection);
        if (collection == null || collection.isEmpty() || collection.indexOf('\0') >= 0
                || collection.indexOf('$') >= 0 || collection.startsWith(".")
                || ns.full().length() > MAX_NAMESPACE_LENGTH) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "Invalid namespace specified '" + ns.full() + "'");
        }
        return ns;
    }
}
