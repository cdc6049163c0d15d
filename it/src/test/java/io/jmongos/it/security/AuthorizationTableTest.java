package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.jmongos.server.JmongosServer;

/**
 * Every command in the registry (listCommands), run by a user without roles: 13 Unauthorized, unless MongoDB lets
 * any (or no) user run it; run by root: never 13. Then the built-in roles read, readWrite, clusterMonitor and a
 * custom role grant exactly what they should.
 */
class AuthorizationTableTest {
    /** Commands MongoDB lets run before authentication or for any authenticated user. */
    private static final Set<String> OPEN = Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue",
            "authenticate", "getnonce", "logout", "ping", "buildInfo", "buildinfo", "connectionStatus", "whatsmyuri",
            "endSessions", "listCommands", "isdbgrid", "startSession", "commitTransaction", "abortTransaction",
            "getMore", "killCursors");
    /** Commands that run only on admin (MongoDB answers 13 "may only be run against the admin database" elsewhere). */
    private static final Set<String> ADMIN_ONLY = Set.of("configureFailPoint", "currentOp", "getCmdLineOpts",
            "getLog", "getParameter", "killOp", "rotateCertificates", "setParameter", "commitTransaction",
            "abortTransaction", "listDatabases", "serverStatus", "hostInfo", "killAllSessions", "renameCollection");
    private static JmongosServer server;
    private static String lastMessage = "";

    @BeforeAll
    static void start() {
        server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1", "--auth",
                "--setParameter", "enableTestCommands=1", "--setParameter", "authFailedDelayMs=0"));
        try (MongoClient anonymous = client(null)) {
            anonymous.getDatabase("admin").runCommand(new Document("createUser", "root").append("pwd", "pw")
                    .append("roles", List.of(new Document("role", "root").append("db", "admin"))));
        }
        try (MongoClient root = root()) {
            MongoDatabase t = root.getDatabase("tabletest");
            t.runCommand(new Document("createUser", "nobody").append("pwd", "pw").append("roles", List.of()));
            t.runCommand(new Document("createUser", "reader").append("pwd", "pw").append("roles", List.of("read")));
            t.runCommand(new Document("createUser", "writer").append("pwd", "pw")
                    .append("roles", List.of("readWrite")));
            t.runCommand(new Document("createUser", "writer2").append("pwd", "pw")
                    .append("roles", List.of("readWrite")));
            t.runCommand(new Document("createRole", "insertOnly").append("privileges", List.of(new Document(
                    "resource", new Document("db", "tabletest").append("collection", "c"))
                    .append("actions", List.of("insert")))).append("roles", List.of()));
            t.runCommand(new Document("createUser", "inserter").append("pwd", "pw")
                    .append("roles", List.of("insertOnly")));
            root.getDatabase("admin").runCommand(new Document("createUser", "monitor").append("pwd", "pw")
                    .append("roles", List.of(new Document("role", "clusterMonitor").append("db", "admin"))));
            t.getCollection("c").insertOne(new Document("_id", 1));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static MongoClient client(MongoCredential c) {
        MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(new ConnectionString(
                "mongodb://127.0.0.1:" + server.mainPort() + "/?serverSelectionTimeoutMS=5000"));
        if (c != null) {
            b.credential(c);
        }
        return MongoClients.create(b.build());
    }

    static MongoClient root() {
        return client(MongoCredential.createScramSha256Credential("root", "admin", "pw".toCharArray()));
    }

    static MongoClient as(String user, String db) {
        return client(MongoCredential.createScramSha256Credential(user, db, "pw".toCharArray()));
    }

    /** The error code of running {@code cmd}, 0 on success. */
    static int code(MongoDatabase db, Document cmd) {
        try {
            db.runCommand(cmd);
            return 0;
        } catch (MongoCommandException e) {
            lastMessage = e.getErrorMessage();
            return e.getErrorCode();
        }
    }

    static Document commandFor(String name) {
        Object arg = switch (name) {
            case "find", "count", "distinct", "aggregate", "listIndexes", "collStats", "insert", "update", "delete",
                    "create", "drop", "createIndexes", "dropIndexes", "collMod", "findAndModify", "findandmodify" -> "c";
            case "renameCollection" -> "tabletest.zz";
            case "createUser", "dropUser", "updateUser", "grantRolesToUser", "revokeRolesFromUser", "createRole",
                    "dropRole" -> "zz";
            default -> 1;
        };
        Document cmd = new Document(name, arg);
        if (name.equals("updateUser")) {
            cmd.append("pwd", "x");
        }
        if (name.equals("renameCollection")) {
            cmd.append("to", "tabletest.zz2");
        }
        return cmd;
    }

    @Test
    void everyCommandNeedsItsPrivilege() {
        List<String> names = new ArrayList<>();
        try (MongoClient root = root()) {
            names.addAll(root.getDatabase("admin").runCommand(new Document("listCommands", 1))
                    .get("commands", Document.class).keySet());
        }
        assertThat(names).contains("find", "insert", "serverStatus", "createUser", "rotateCertificates");
        List<String> wrong = new ArrayList<>();
        try (MongoClient nobody = as("nobody", "tabletest"); MongoClient root = root()) {
            for (String name : names) {
                if (name.equals("dropDatabase") || name.equals("killAllSessions") || name.equals("logout")) {
                    continue; // run last / would end the test's own sessions / would log the test's users out
                }
                if (name.equals("shutdown")) {
                    continue; // root would stop the server under test; checked without roles below
                }
                String db = ADMIN_ONLY.contains(name) ? "admin" : "tabletest";
                int without = code(nobody.getDatabase(db), commandFor(name));
                boolean open = OPEN.contains(name);
                if (without == 13 && lastMessage.contains("requires authentication")) {
                    wrong.add(name + ": the user was not authenticated any more");
                } else if (open == (without == 13)) {
                    wrong.add(name + ": without roles got " + without + " " + lastMessage);
                }
                int withRoot = code(root.getDatabase(db), commandFor(name));
                if (withRoot == 13) {
                    wrong.add(name + ": root got 13 " + lastMessage);
                }
            }
            assertThat(code(nobody.getDatabase("tabletest"), new Document("dropDatabase", 1))).isEqualTo(13);
            assertThat(code(nobody.getDatabase("admin"), new Document("killAllSessions", List.of()))).isEqualTo(13);
            assertThat(code(nobody.getDatabase("admin"), new Document("shutdown", 1))).isEqualTo(13);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void unauthorizedMessageIsMongoDbs() {
        try (MongoClient reader = as("reader", "tabletest")) {
            try {
                reader.getDatabase("tabletest").getCollection("c").insertOne(new Document("_id", 2));
                throw new AssertionError("insert was allowed");
            } catch (com.mongodb.MongoWriteException | MongoCommandException e) {
                assertThat(e.getMessage()).contains("not authorized on tabletest to execute command {\"insert\": \"c\"");
            }
        }
    }

    @Test
    void builtinAndCustomRoles() {
        try (MongoClient reader = as("reader", "tabletest"); MongoClient writer = as("writer", "tabletest");
             MongoClient inserter = as("inserter", "tabletest"); MongoClient monitor = as("monitor", "admin")) {
            MongoDatabase r = reader.getDatabase("tabletest");
            assertThat(code(r, new Document("find", "c"))).isZero();
            assertThat(code(r, new Document("insert", "c").append("documents", List.of(new Document("a", 1)))))
                    .isEqualTo(13);
            assertThat(code(reader.getDatabase("other"), new Document("find", "c"))).as("read is per database")
                    .isEqualTo(13);
            MongoDatabase w = writer.getDatabase("tabletest");
            assertThat(code(w, new Document("insert", "c").append("documents", List.of(new Document("a", 1)))))
                    .isZero();
            assertThat(code(w, new Document("serverStatus", 1))).isEqualTo(13);
            MongoDatabase i = inserter.getDatabase("tabletest");
            assertThat(code(i, new Document("insert", "c").append("documents", List.of(new Document("b", 1)))))
                    .isZero();
            assertThat(code(i, new Document("find", "c"))).isEqualTo(13);
            assertThat(code(i, new Document("insert", "d").append("documents", List.of(new Document("b", 1)))))
                    .as("the custom role names collection c only").isEqualTo(13);
            assertThat(code(monitor.getDatabase("admin"), new Document("serverStatus", 1))).isZero();
            assertThat(code(monitor.getDatabase("admin"), new Document("setParameter", 1)
                    .append("authFailedDelayMs", 0))).isEqualTo(13);
            assertThat(code(monitor.getDatabase("tabletest"), new Document("find", "c"))).isEqualTo(13);
        }
    }

    @Test
    void cursorsAndTransactionsBelongToTheirUsers() throws Exception {
        try (MongoClient writer = as("writer", "tabletest"); MongoClient other = as("writer2", "tabletest")) {
            MongoDatabase w = writer.getDatabase("tabletest");
            w.getCollection("owned").insertMany(List.of(new Document("_id", 1), new Document("_id", 2),
                    new Document("_id", 3)));
            Document first = w.runCommand(new Document("find", "owned").append("batchSize", 1));
            long id = first.get("cursor", Document.class).getLong("id");
            MongoDatabase o = other.getDatabase("tabletest");
            assertThat(code(o, new Document("getMore", id).append("collection", "owned"))).isEqualTo(13);
            assertThat(lastMessage).isEqualTo("cursor id " + id + " was not created by the authenticated user");
            assertThat(code(o, new Document("killCursors", "owned").append("cursors", List.of(id)))).isEqualTo(13);
            assertThat(lastMessage).isEqualTo("not authorized to kill cursor on tabletest.owned");
            assertThat(code(w, new Document("getMore", id).append("collection", "owned"))).isZero();

            try (com.mongodb.client.ClientSession session = writer.startSession()) {
                session.startTransaction();
                w.getCollection("owned").insertOne(session, new Document("_id", 4));
                org.bson.BsonDocument steal = new org.bson.BsonDocument("commitTransaction", new org.bson.BsonInt32(1))
                        .append("lsid", session.getServerSession().getIdentifier())
                        .append("txnNumber", new org.bson.BsonInt64(session.getServerSession().getTransactionNumber()))
                        .append("autocommit", org.bson.BsonBoolean.FALSE)
                        .append("$db", new org.bson.BsonString("admin"));
                try (RawScramClient raw = new RawScramClient("127.0.0.1", server.mainPort(), "tabletest", "writer2",
                        "pw")) {
                    org.bson.BsonDocument reply = raw.run(steal);
                    assertThat(reply.getNumber("code").intValue()).as(reply.toJson()).isEqualTo(251);
                    assertThat(reply.getString("errmsg").getValue()).contains("does not match any in-progress");
                }
                session.commitTransaction();
            }
            assertThat(w.getCollection("owned").countDocuments()).isEqualTo(4);
        }
    }
}
