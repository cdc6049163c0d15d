package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.server.JmongosServer;

/**
 * {@code --auth} through the Java driver: the localhost exception creates the first user, SCRAM-SHA-256 and
 * SCRAM-SHA-1 authenticate (speculatively in hello), wrong passwords and unknown users get 18 with MongoDB's
 * message and one log line with the client's address, unauthenticated commands get 13, credentials are stored as
 * MongoDB stores them, connectionStatus, logout, saslSupportedMechs, user management.
 */
class AuthDriverTest {
    private static JmongosServer server;

    @BeforeAll
    static void start() {
        server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1", "--auth"));
        try (MongoClient anonymous = client(null)) {
            // The localhost exception: no user exists yet, so a loopback client may create the first one.
            anonymous.getDatabase("admin").runCommand(new Document("createUser", "root").append("pwd", "rootpw")
                    .append("roles", List.of(new Document("role", "root").append("db", "admin"))));
            assertThatThrownBy(() -> anonymous.getDatabase("admin").runCommand(new Document("createUser", "other")
                    .append("pwd", "x").append("roles", List.of())))
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("Command createUser requires authentication")
                    .satisfies(e -> assertThat(((MongoCommandException) e).getErrorCode()).isEqualTo(13));
        }
        try (MongoClient root = client(MongoCredential.createScramSha256Credential("root", "admin",
                "rootpw".toCharArray()))) {
            root.getDatabase("app").runCommand(new Document("createUser", "alice").append("pwd", "alicepw")
                    .append("roles", List.of("readWrite")));
            root.getDatabase("app").runCommand(new Document("createUser", "old").append("pwd", "oldpw")
                    .append("roles", List.of("read")).append("mechanisms", List.of("SCRAM-SHA-1")));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static MongoClient client(MongoCredential credential) {
        MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(new ConnectionString(
                "mongodb://127.0.0.1:" + server.mainPort() + "/?serverSelectionTimeoutMS=5000"));
        if (credential != null) {
            b.credential(credential);
        }
        return MongoClients.create(b.build());
    }

    @Test
    void scramSha256ReadsAndWrites() {
        try (ErrorLogCapture log = new ErrorLogCapture();
             MongoClient alice = client(MongoCredential.createScramSha256Credential("alice", "app",
                     "alicepw".toCharArray()))) {
            alice.getDatabase("app").getCollection("items").insertOne(new Document("_id", 1));
            assertThat(alice.getDatabase("app").getCollection("items").countDocuments()).isEqualTo(1);
            Document status = alice.getDatabase("app").runCommand(new Document("connectionStatus", 1));
            Document info = status.get("authInfo", Document.class);
            assertThat(info.getList("authenticatedUsers", Document.class))
                    .containsExactly(new Document("user", "alice").append("db", "app"));
            assertThat(info.getList("authenticatedUserRoles", Document.class))
                    .containsExactly(new Document("role", "readWrite").append("db", "app"));
            alice.getDatabase("app").getCollection("items").drop();
            List<ILoggingEvent> ok = log.withMessage("Authentication succeeded");
            assertThat(ErrorLogCapture.describe(ok)).contains("principalName=\"alice\"")
                    .contains("SCRAM-SHA-256").contains("speculative=\"true\"").contains("remote=\"127.0.0.1:");
        }
    }

    @Test
    void scramSha1() {
        try (MongoClient old = client(MongoCredential.createScramSha1Credential("old", "app", "oldpw".toCharArray()))) {
            assertThat(old.getDatabase("app").getCollection("items").countDocuments()).isZero();
        }
    }

    @Test
    void mechanismNegotiationWithSaslSupportedMechs() {
        try (MongoClient old = client(MongoCredential.createCredential("old", "app", "oldpw".toCharArray()));
             MongoClient root = client(MongoCredential.createCredential("root", "admin", "rootpw".toCharArray()))) {
            assertThat(old.getDatabase("app").getCollection("items").countDocuments()).isZero();
            Document hello = root.getDatabase("admin").runCommand(new Document("hello", 1)
                    .append("saslSupportedMechs", "app.old"));
            assertThat(hello.getList("saslSupportedMechs", String.class)).containsExactly("SCRAM-SHA-1");
            Document none = root.getDatabase("admin").runCommand(new Document("hello", 1)
                    .append("saslSupportedMechs", "app.nobody"));
            assertThat(none).doesNotContainKey("saslSupportedMechs");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetAuthenticationFailed() {
        for (MongoCredential bad : List.of(
                MongoCredential.createScramSha256Credential("alice", "app", "wrong".toCharArray()),
                MongoCredential.createScramSha256Credential("nobody", "app", "x".toCharArray()))) {
            try (ErrorLogCapture log = new ErrorLogCapture(); MongoClient c = client(bad)) {
                assertThatThrownBy(() -> c.getDatabase("app").runCommand(new Document("ping", 1)))
                        .satisfies(e -> {
                            Throwable t = e;
                            while (t != null && !(t instanceof MongoCommandException)) {
                                t = t.getCause();
                            }
                            assertThat(t).as("the server's error").isNotNull();
                            assertThat(((MongoCommandException) t).getErrorCode()).isEqualTo(18);
                            assertThat(((MongoCommandException) t).getErrorMessage())
                                    .isEqualTo("Authentication failed.");
                        });
                assertThat(ErrorLogCapture.describe(log.withMessage("Authentication failed")))
                        .contains("principalName=\"" + bad.getUserName() + "\"").contains("remote=\"127.0.0.1:");
            }
        }
    }

    @Test
    void commandsBeforeAuthenticationAreRefused() {
        try (MongoClient anonymous = client(null)) {
            assertThat(anonymous.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok", Number.class)
                    .intValue()).isEqualTo(1);
            assertThatThrownBy(() -> anonymous.getDatabase("app").getCollection("items").find().first())
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("Command find requires authentication");
        }
    }

    @Test
    void credentialsAreStoredAsMongoDbStoresThem() {
        try (MongoClient root = client(MongoCredential.createScramSha256Credential("root", "admin",
                "rootpw".toCharArray()))) {
            BsonDocument alice = root.getDatabase("admin").getCollection("system.users", BsonDocument.class)
                    .find(new Document("_id", "app.alice")).first();
            assertThat(alice).isNotNull();
            assertThat(alice.getString("user").getValue()).isEqualTo("alice");
            assertThat(alice.getString("db").getValue()).isEqualTo("app");
            assertThat(alice.get("userId").asBinary().getType()).isEqualTo((byte) 4);
            assertThat(alice.getArray("roles")).isEqualTo(new BsonArray(List.of(new BsonDocument("role",
                    new BsonString("readWrite")).append("db", new BsonString("app")))));
            BsonDocument sha256 = alice.getDocument("credentials").getDocument("SCRAM-SHA-256");
            assertThat(sha256.getNumber("iterationCount").intValue()).isEqualTo(15000);
            assertThat(Base64.getDecoder().decode(sha256.getString("salt").getValue())).hasSize(28);
            assertThat(Base64.getDecoder().decode(sha256.getString("storedKey").getValue())).hasSize(32);
            BsonDocument sha1 = alice.getDocument("credentials").getDocument("SCRAM-SHA-1");
            assertThat(sha1.getNumber("iterationCount").intValue()).isEqualTo(10000);
            assertThat(Base64.getDecoder().decode(sha1.getString("salt").getValue())).hasSize(16);
            assertThat(alice.toJson()).doesNotContain("alicepw");
        }
    }

    @Test
    void userManagement() {
        try (MongoClient root = client(MongoCredential.createScramSha256Credential("root", "admin",
                "rootpw".toCharArray()))) {
            var app = root.getDatabase("app");
            app.runCommand(new Document("createUser", "bob").append("pwd", "bobpw").append("roles", List.of("read")));
            assertThatThrownBy(() -> app.runCommand(new Document("createUser", "bob").append("pwd", "x")
                    .append("roles", List.of())))
                    .hasMessageContaining("User \"bob@app\" already exists");
            assertThatThrownBy(() -> app.runCommand(new Document("createUser", "carol").append("pwd", "x")
                    .append("roles", List.of("noSuchRole"))))
                    .hasMessageContaining("Could not find role: noSuchRole@app");
            app.runCommand(new Document("grantRolesToUser", "bob").append("roles", List.of("readWrite")));
            Document info = app.runCommand(new Document("usersInfo", "bob"));
            Document bob = info.getList("users", Document.class).get(0);
            assertThat(bob.getList("roles", Document.class)).contains(new Document("role", "readWrite")
                    .append("db", "app"));
            assertThat(bob).doesNotContainKey("credentials");
            assertThat(bob.getList("mechanisms", String.class)).containsExactly("SCRAM-SHA-1", "SCRAM-SHA-256");
            app.runCommand(new Document("updateUser", "bob").append("pwd", "newpw"));
            try (MongoClient b = client(MongoCredential.createScramSha256Credential("bob", "app",
                    "newpw".toCharArray()))) {
                assertThat(b.getDatabase("app").getCollection("items").countDocuments()).isZero();
            }
            app.runCommand(new Document("dropUser", "bob"));
            assertThatThrownBy(() -> app.runCommand(new Document("dropUser", "bob")))
                    .hasMessageContaining("User 'bob@app' not found")
                    .satisfies(e -> assertThat(((MongoCommandException) e).getErrorCode()).isEqualTo(11));
        }
    }

    @Test
    void logoutEndsTheSessionOfThatDatabase() {
        try (MongoClient alice = client(MongoCredential.createScramSha256Credential("alice", "app",
                "alicepw".toCharArray()))) {
            Document status = alice.getDatabase("app").runCommand(new Document("logout", 1));
            assertThat(status.get("ok", Number.class).intValue()).isEqualTo(1);
            // The pool has one connection here; it is now unauthenticated.
            assertThatThrownBy(() -> alice.getDatabase("app").getCollection("items").find().first())
                    .isInstanceOfAny(MongoCommandException.class, MongoSecurityException.class);
        }
    }
}
