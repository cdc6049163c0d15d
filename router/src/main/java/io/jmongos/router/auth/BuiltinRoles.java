package io.jmongos.router.auth;

import java.util.Set;

/** MongoDB's built-in role names (builtin_roles.cpp): which exist on every database, which only on admin. */
final class BuiltinRoles {
    /** Built-in roles of every database. */
    static final Set<String> DATABASE_ROLES = Set.of("read", "readWrite", "dbAdmin", "userAdmin", "dbOwner");
    /** Built-in roles that exist only on the admin database. */
    static final Set<String> ADMIN_ROLES = Set.of("clusterMonitor", "clusterAdmin", "clusterManager", "hostManager",
            "readAnyDatabase", "readWriteAnyDatabase", "userAdminAnyDatabase", "dbAdminAnyDatabase", "root",
            "backup", "restore");

    private BuiltinRoles() {
    }

    static boolean isBuiltin(RoleName r) {
        return DATABASE_ROLES.contains(r.role()) || "admin".equals(r.db()) && ADMIN_ROLES.contains(r.role());
    }
}
