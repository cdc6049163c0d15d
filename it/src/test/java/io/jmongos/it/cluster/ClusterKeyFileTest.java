package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.server.JmongosServer;

/**
 * Internal authentication with {@code --keyFile} in a cluster in one JVM over real TCP, through the official Java
 * driver: a config server whose key file holds two keys (a rotation: K1 and K2), two shard servers and two routers
 * with K1, and a router with K2 only. Routers and shard servers authenticate to each other as {@code __system}; a key
 * file turns access control on everywhere; users live on the config server, so a user created through one router
 * authenticates through the other; the driver's own SCRAM-SHA-256 with the key as password is accepted as
 * {@code __system@local} (which checks the key derivation against the driver's client); the K2 router reaches the
 * config server (K2 is its second key) but not the shards, and says so at once.
 */
class ClusterKeyFileTest {
    private static final String K1 = "c2hhcmVkIGNsdXN0ZXIga2V5IG9uZQ==";
    private static final String K2 = "YW5vdGhlciBrZXkgZm9yIHRoZSByb3RhdGlvbg==";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PWD = "admin-secret";

    @TempDir
    static Path dir;

    private static final List<JmongosServer> SERVERS = new ArrayList<>();
    private static JmongosServer config;
    private static JmongosServer shardA;
    private static JmongosServer routerOne;
    private static JmongosServer routerTwo;

    @BeforeAll
    static void startCluster() throws IOException {
        Path both = keyFile("both", "- " + K1 + "\n- " + K2 + "\n");
        // one key spread over lines, as `openssl rand -base64` writes it: whitespace is not part of the key
        Path one = keyFile("one", K1.substring(0, 10) + "\n" + K1.substring(10) + "\n");
        config = start("--configsvr", "--keyFile", both.toString());
        shardA = start("--shardsvr", "--keyFile", one.toString());
        JmongosServer shardB = start("--shardsvr", "--keyFile", one.toString());
        routerOne = start("--configdb", config.mainAddress(), "--keyFile", one.toString());
        routerTwo = start("--configdb", config.mainAddress(), "--keyFile", one.toString());
        try (MongoClient local = plainClient(routerOne)) {
            // the localhost exception: no user exists yet in the cluster (the config server's admin.system.users)
            local.getDatabase("admin").runCommand(new Document("createUser", ADMIN).append("pwd", ADMIN_PWD)
                    .append("roles", List.of("root")));
        }
        try (MongoClient c = userClient(routerOne, ADMIN, "admin", ADMIN_PWD)) {
            assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardA.mainAddress()))
                    .getString("shardAdded")).isEqualTo("shard0000");
            assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardB.mainAddress()))
                    .getString("shardAdded")).isEqualTo("shard0001");
        }
    }

    static Path keyFile(String name, String content) throws IOException {
        Path f = dir.resolve(name + ".key");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static JmongosServer start(String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        all.addAll(List.of(args));
        JmongosServer s = JmongosServer.start(all);
        SERVERS.add(s);
        return s;
    }

    @AfterAll
    static void stopCluster() {
        for (int i = SERVERS.size() - 1; i >= 0; i--) {
            SERVERS.get(i).close();
        }
    }

    private static MongoClient plainClient(JmongosServer server) {
        return MongoClients.create("mongodb://" + server.mainAddress() + "/?directConnection=true");
    }

    static MongoClient client(JmongosServer server, MongoCredential credential) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + server.mainAddress()
                        + "/?directConnection=true&serverSelectionTimeoutMS=5000"))
                .credential(credential).build());
    }

    private static MongoClient userClient(JmongosServer server, String user, String db, String pwd) {
        return client(server, MongoCredential.createScramSha256Credential(user, db, pwd.toCharArray()));
    }

    @Test
    void aUserCreatedThroughOneRouterAuthenticatesThroughTheOther() {
        try (MongoClient admin = userClient(routerOne, ADMIN, "admin", ADMIN_PWD)) {
            admin.getDatabase("shop").runCommand(new Document("createUser", "clerk").append("pwd", "clerk-pwd")
                    .append("roles", List.of("readWrite")));
        }
        try (MongoClient clerk = userClient(routerTwo, "clerk", "shop", "clerk-pwd")) {
            MongoCollection<Document> items = clerk.getDatabase("shop").getCollection("items");
            items.insertOne(new Document("_id", 1).append("name", "pen"));
            assertThat(items.find(new Document("_id", 1)).first()).containsEntry("name", "pen");
            Document status = clerk.getDatabase("shop").runCommand(new Document("connectionStatus", 1));
            assertThat(status.get("authInfo", Document.class).getList("authenticatedUsers", Document.class))
                    .containsExactly(new Document("user", "clerk").append("db", "shop"));
        }
        try (MongoClient clerk = userClient(routerOne, "clerk", "shop", "clerk-pwd")) {
            assertThat(clerk.getDatabase("shop").getCollection("items").countDocuments()).isEqualTo(1);
        }
        try (MongoClient wrong = userClient(routerTwo, "clerk", "shop", "not-the-password")) {
            assertThatThrownBy(() -> wrong.getDatabase("shop").getCollection("items").countDocuments())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void aShardServerWithAKeyFileRefusesUnauthenticatedCommands() {
        try (MongoClient anonymous = plainClient(shardA)) {
            assertThat(anonymous.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isEqualTo(1.0);
            assertThatThrownBy(() -> anonymous.getDatabase("shop").runCommand(new Document("find", "items")))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(13);
                        assertThat(e.getErrorMessage()).isEqualTo("Command find requires authentication");
                    });
        }
        try (MongoClient anonymous = plainClient(config)) {
            assertThatThrownBy(() -> anonymous.getDatabase("config").getCollection("shards").countDocuments())
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                            .isEqualTo(13));
        }
    }

    @Test
    void theDriversScramWithTheKeyIsTheInternalUser() {
        try (MongoClient system = client(shardA, MongoCredential.createScramSha256Credential("__system", "local",
                K1.toCharArray()))) {
            Document status = system.getDatabase("admin").runCommand(new Document("connectionStatus", 1));
            assertThat(status.get("authInfo", Document.class).getList("authenticatedUserRoles", Document.class))
                    .containsExactly(new Document("role", "__system").append("db", "admin"));
            assertThat(system.getDatabase("admin").runCommand(new Document("listDatabases", 1)).get("ok"))
                    .isEqualTo(1.0);
        }
        try (MongoClient second = client(config, MongoCredential.createScramSha256Credential("__system", "local",
                K2.toCharArray()))) {
            assertThat(second.getDatabase("config").getCollection("shards").countDocuments()).isEqualTo(2);
        }
        try (MongoClient wrong = client(shardA, MongoCredential.createScramSha256Credential("__system", "local",
                K2.toCharArray()))) {
            assertThatThrownBy(() -> wrong.getDatabase("admin").runCommand(new Document("listDatabases", 1)))
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void aRouterWithAnotherKeyCannotUseTheShardsAndSaysSo() throws IOException {
        Path other = keyFile("other", K2);
        try (ErrorLogCapture log = new ErrorLogCapture()) {
            JmongosServer stranger = start("--configdb", config.mainAddress(), "--keyFile", other.toString());
            try (MongoClient c = userClient(stranger, ADMIN, "admin", ADMIN_PWD)) {
                // the config server accepts K2 (its second key): users and shards are read through it
                assertThat(c.getDatabase("admin").runCommand(new Document("listShards", 1))
                        .getList("shards", Document.class)).hasSize(2);
                assertThatThrownBy(() -> c.getDatabase("keyed").getCollection("c").insertOne(new Document("x", 1)))
                        .isInstanceOfSatisfying(com.mongodb.MongoException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(6);
                            assertThat(e.getMessage()).contains("authentication as __system@local to",
                                    "is its keyFile the same as this process's?");
                        });
            }
            List<ILoggingEvent> unreachable = log.withMessage("Shard host is unreachable");
            assertThat(unreachable).isNotEmpty();
            assertThat(unreachable.get(0).getKeyValuePairs().toString()).contains("Authentication failed.");
        }
    }
}
