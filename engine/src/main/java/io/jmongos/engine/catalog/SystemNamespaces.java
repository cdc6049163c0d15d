package io.jmongos.engine.catalog;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * Which namespaces a client may write (insert, update, delete, findAndModify, create, rename), after MongoDB's
 * userAllowedWriteNS / userAllowedCreateNS: {@code system.views} and {@code system.profile} are "cannot write to"
 * (73 InvalidNamespace), any other {@code system.*} collection is "Invalid system namespace" (73) except
 * {@code system.js} and time-series {@code system.buckets.*}. MongoDB's own code keeps the admin database's
 * users, roles, keys and version documents and the config database; the embedded engine keeps none of them, so
 * client writes there are refused the same way (73) instead of creating ordinary collections under those names.
 */
public final class SystemNamespaces {
    private static final String SYSTEM_PREFIX = "system.";
    /** The config database, written only by the server's own sharding code. */
    private static final String CONFIG_DB = "config";

    private SystemNamespaces() {
    }

    /** Throws 73 InvalidNamespace when a client may not write {@code ns}. */
    public static void checkUserWrite(Namespace ns) {
        String coll = ns.collection();
        if (coll.equals("system.views") || coll.equals("system.profile") || ns.db().equals(CONFIG_DB)) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "cannot write to " + ns.full());
        }
        if (coll.startsWith(SYSTEM_PREFIX) && !coll.equals("system.js") && !coll.startsWith("system.buckets.")) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + ns.full());
        }
    }

    /** True for a namespace only the server writes ({@link #checkUserWrite} refuses it). */
    public static boolean isProtected(Namespace ns) {
        try {
            checkUserWrite(ns);
            return false;
        } catch (CommandFailedException e) {
            return true;
        }
    }
}
