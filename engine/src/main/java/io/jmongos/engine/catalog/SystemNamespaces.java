package io.jmongos.engine.catalog;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * Which namespaces a client may write (insert, update, delete, findAndModify, create, rename), as MongoDB's
 * userAllowedWriteNS / userAllowedCreateNS and NamespaceString::isLegalClientSystemNS decide: {@code system.views}
 * and {@code system.profile} are "cannot write to" (73 InvalidNamespace); any other {@code system.*} collection
 * is "Invalid system namespace" (73) unless it is one MongoDB lets clients write ({@code system.users} and
 * {@code system.js} anywhere, time-series {@code system.buckets.*}, the admin database's roles, version, keys
 * and backup users, the config database's sessions and index builds, the local database's replica set
 * configuration and health log). The router's own user store writes {@code admin.system.users} this way too.
 */
public final class SystemNamespaces {
    private static final String SYSTEM_PREFIX = "system.";
    /** Collections mongod refuses every write to (userAllowedWriteNS). */
    private static final Set<String> NEVER_WRITTEN = Set.of("system.views", "system.profile");
    /** System collections clients may write in any database (isLegalClientSystemNS). */
    private static final Set<String> ANY_DATABASE = Set.of("system.users", "system.js");
    /** System namespaces clients may write, by full name (isLegalClientSystemNS). */
    private static final Set<String> LEGAL = Set.of("admin.system.roles", "admin.system.version",
            "admin.system.keys", "admin.system.backup_users", "admin.system.new_users", "config.system.sessions",
            "config.system.indexBuilds", "local.system.replset", "local.system.healthlog");

    private SystemNamespaces() {
    }

    /** Throws 73 InvalidNamespace when a client may not write {@code ns}. */
    public static void checkUserWrite(Namespace ns) {
        String coll = ns.collection();
        if (NEVER_WRITTEN.contains(coll)) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "cannot write to " + ns.full());
        }
        if (coll.startsWith(SYSTEM_PREFIX) && !ANY_DATABASE.contains(coll) && !LEGAL.contains(ns.full())
                && !coll.startsWith("system.buckets.")) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + ns.full());
        }
    }
}
