package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What each command needs, as MongoDB's commands declare it (their checkAuthForOperation / required privileges):
 * the action and the resource it acts on, read from the command's arguments. A command the table does not know
 * needs anyResource (only {@code root} may run it), so a new command is never open by mistake.
 */
final class CommandPrivileges {
    /** Commands any authenticated user may run (MongoDB checks nothing more, or checks ownership instead). */
    static final Set<String> ANY_USER = Set.of("listCommands", "isdbgrid", "startSession", "endSessions",
            "commitTransaction", "abortTransaction", "getMore", "killCursors", "getLastError",
            "connectionStatus", "logout", "whatsmyuri", "ping", "buildInfo");
    /** Collection commands: name to the action on the collection named by the command's first value. */
    static final Map<String, String> ON_COLLECTION = Map.ofEntries(Map.entry("find", "find"),
            Map.entry("count", "find"), Map.entry("distinct", "find"), Map.entry("aggregate", "find"),
            Map.entry("listIndexes", "listIndexes"), Map.entry("collStats", "collStats"),
            Map.entry("insert", "insert"), Map.entry("update", "update"), Map.entry("delete", "remove"),
            Map.entry("create", "createCollection"), Map.entry("drop", "dropCollection"),
            Map.entry("createIndexes", "createIndex"), Map.entry("dropIndexes", "dropIndex"),
            Map.entry("collMod", "collMod"));
    /** Database commands: name to the action on the command's database. */
    static final Map<String, String> ON_DATABASE = Map.ofEntries(Map.entry("listCollections", "listCollections"),
            Map.entry("dbStats", "dbStats"), Map.entry("dropDatabase", "dropDatabase"),
            Map.entry("profile", "enableProfiler"), Map.entry("createUser", "createUser"),
            Map.entry("dropUser", "dropUser"), Map.entry("grantRolesToUser", "grantRole"),
            Map.entry("revokeRolesFromUser", "revokeRole"), Map.entry("createRole", "createRole"),
            Map.entry("dropRole", "dropRole"), Map.entry("rolesInfo", "viewRole"));
    /** Cluster commands: name to the action on the cluster. */
    static final Map<String, String> ON_CLUSTER = Map.ofEntries(Map.entry("serverStatus", "serverStatus"),
            Map.entry("getParameter", "getParameter"), Map.entry("setParameter", "setParameter"),
            Map.entry("getCmdLineOpts", "getCmdLineOpts"), Map.entry("getLog", "getLog"),
            Map.entry("currentOp", "inprog"), Map.entry("killOp", "killop"),
            Map.entry("listDatabases", "listDatabases"), Map.entry("killAllSessions", "killAnySession"),
            Map.entry("killAllSessionsByPattern", "killAnySession"), Map.entry("connPoolStats", "connPoolStats"),
            Map.entry("rotateCertificates", "rotateCertificates"), Map.entry("hostInfo", "hostInfo"));

    private CommandPrivileges() {
    }

    /** The privileges {@code command} needs on {@code db}; empty = any authenticated user. */
    static List<RequiredPrivilege> required(String name, String db, BsonDocument command, List<AuthenticatedUser> who) {
        if (ANY_USER.contains(name)) {
            return List.of();
        }
        List<RequiredPrivilege> out = new ArrayList<>();
        String action = ON_COLLECTION.get(name);
        if (action != null) {
            String coll = collection(command.get(name));
            out.add(RequiredPrivilege.on(db, coll, action));
            if (name.equals("aggregate") && command.isArray("pipeline")) {
                PipelinePrivileges.add(db, coll, command.getArray("pipeline"), out);
            }
            if (name.equals("update") && upserts(command)) {
                out.add(RequiredPrivilege.on(db, coll, "insert"));
            }
            return out;
        }
        if (name.equals("findAndModify") || name.equals("findandmodify")) {
            String coll = collection(command.get(name));
            out.add(RequiredPrivilege.on(db, coll, "find"));
            out.add(RequiredPrivilege.on(db, coll, AuthService.isTrue(command.get("remove")) ? "remove" : "update"));
            if (AuthService.isTrue(command.get("upsert"))) {
                out.add(RequiredPrivilege.on(db, coll, "insert"));
            }
            return out;
        }
        if (name.equals("renameCollection")) {
            return rename(command);
        }
        if (name.equals("explain") && command.isDocument("explain")) {
            BsonDocument inner = command.getDocument("explain");
            return inner.isEmpty() ? List.of(RequiredPrivilege.anyResource())
                    : required(inner.getFirstKey(), db, inner, who);
        }
        if (name.equals("usersInfo") || name.equals("updateUser")) {
            return UserCommandPrivileges.required(name, db, command, who);
        }
        action = ON_DATABASE.get(name);
        if (action != null) {
            return List.of(RequiredPrivilege.on(db, "", action));
        }
        action = ON_CLUSTER.get(name);
        if (action != null) {
            return List.of(RequiredPrivilege.cluster(action));
        }
        return List.of(RequiredPrivilege.anyResource());
    }

    /** MongoDB: same database, renameCollectionSameDB; across, find+dropCollection then insert+createIndex. */
    private static List<RequiredPrivilege> rename(BsonDocument command) {
        String[] from = namespace(collection(command.get("renameCollection")));
        String[] to = namespace(collection(command.get("to")));
        if (from[0].equals(to[0])) {
            return List.of(RequiredPrivilege.on(from[0], from[1], "renameCollectionSameDB"),
                    RequiredPrivilege.on(to[0], to[1], "renameCollectionSameDB"));
        }
        return List.of(RequiredPrivilege.on(from[0], from[1], "find"),
                RequiredPrivilege.on(from[0], from[1], "dropCollection"),
                RequiredPrivilege.on(to[0], to[1], "insert"), RequiredPrivilege.on(to[0], to[1], "createIndex"));
    }

    private static String[] namespace(String ns) {
        int dot = ns.indexOf('.');
        return dot < 0 ? new String[] {ns, ""} : new String[] {ns.substring(0, dot), ns.substring(dot + 1)};
    }

    private static boolean upserts(BsonDocument command) {
        if (!command.isArray("updates")) {
            return false;
        }
        for (BsonValue u : command.getArray("updates")) {
            if (u.isDocument() && AuthService.isTrue(u.asDocument().get("upsert"))) {
                return true;
            }
        }
        return false;
    }

    static String collection(BsonValue v) {
        return v != null && v.isString() ? v.asString().getValue() : "";
    }
}
