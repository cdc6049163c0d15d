package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The privileges of MongoDB's built-in roles (builtin_roles.yml), for the actions jmongos' commands check. A role
 * named on a database grants on that database; the "AnyDatabase" and cluster roles exist only on admin.
 * Simplifications (documented in docs/SECURITY.md): {@code root} grants every action on every resource,
 * {@code backup} is readAnyDatabase and {@code restore} readWriteAnyDatabase.
 */
final class BuiltinRolePrivileges {
    static final Set<String> READ = Set.of("changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors",
            "listCollections", "listIndexes");
    static final Set<String> READ_WRITE = union(READ, Set.of("convertToCapped", "createCollection", "createIndex",
            "dropCollection", "dropIndex", "insert", "remove", "renameCollectionSameDB", "update"));
    static final Set<String> DB_ADMIN = Set.of("bypassDocumentValidation", "collMod", "collStats", "compact",
            "convertToCapped", "createCollection", "createIndex", "dbStats", "dropCollection", "dropDatabase",
            "dropIndex", "enableProfiler", "listCollections", "listIndexes", "planCacheRead", "reIndex",
            "renameCollectionSameDB", "validate");
    static final Set<String> USER_ADMIN = Set.of("changeCustomData", "changePassword", "createRole", "createUser",
            "dropRole", "dropUser", "grantRole", "revokeRole", "setAuthenticationRestriction", "viewRole", "viewUser");
    static final Set<String> CLUSTER_MONITOR = Set.of("connPoolStats", "getCmdLineOpts", "getLog", "getParameter",
            "hostInfo", "inprog", "listDatabases", "listSessions", "netstat", "serverStatus", "top");
    static final Set<String> HOST_MANAGER = Set.of("killAnyCursor", "killAnySession", "killop", "logRotate",
            "rotateCertificates", "setParameter", "shutdown", "flushRouterConfig", "invalidateUserCache");

    private BuiltinRolePrivileges() {
    }

    /** The privileges of a built-in role; empty when the name is not a built-in role. */
    static List<Privilege> of(RoleName r) {
        if (!BuiltinRoles.isBuiltin(r)) {
            return List.of();
        }
        String db = r.db();
        List<Privilege> out = new ArrayList<>();
        switch (r.role()) {
            case "read" -> out.add(Privilege.onDb(db, READ));
            case "readWrite" -> out.add(Privilege.onDb(db, READ_WRITE));
            case "dbAdmin" -> {
                out.add(Privilege.onDb(db, DB_ADMIN));
                out.add(new Privilege(Privilege.Kind.COLLECTION, db, "system.profile", Set.of("find")));
            }
            case "userAdmin" -> out.add(Privilege.onDb(db, USER_ADMIN));
            case "dbOwner" -> out.add(Privilege.onDb(db, union(READ_WRITE, union(DB_ADMIN, USER_ADMIN))));
            case "clusterMonitor" -> {
                out.add(Privilege.onCluster(CLUSTER_MONITOR));
                out.add(Privilege.onDb("", Set.of("collStats", "dbStats")));
            }
            case "hostManager" -> out.add(Privilege.onCluster(HOST_MANAGER));
            case "clusterManager" -> out.add(Privilege.onCluster(Set.of("listSessions", "listDatabases")));
            case "clusterAdmin" -> {
                out.add(Privilege.onCluster(union(CLUSTER_MONITOR, HOST_MANAGER)));
                out.add(Privilege.onDb("", Set.of("collStats", "dbStats", "dropDatabase")));
            }
            case "readAnyDatabase", "backup" -> {
                out.add(Privilege.onDb("", READ));
                out.add(Privilege.onCluster(Set.of("listDatabases")));
            }
            case "readWriteAnyDatabase", "restore" -> {
                out.add(Privilege.onDb("", READ_WRITE));
                out.add(Privilege.onCluster(Set.of("listDatabases")));
            }
            case "userAdminAnyDatabase" -> {
                out.add(Privilege.onDb("", USER_ADMIN));
                out.add(Privilege.onCluster(Set.of("listDatabases", "invalidateUserCache")));
            }
            case "dbAdminAnyDatabase" -> {
                out.add(Privilege.onDb("", DB_ADMIN));
                out.add(Privilege.onCluster(Set.of("listDatabases")));
            }
            case "root" -> out.add(new Privilege(Privilege.Kind.ANY, "", "", Set.of("anyAction")));
            default -> {
                // not reached: isBuiltin checked the name
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
