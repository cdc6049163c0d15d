package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;

/**
 * A cluster in this JVM over real TCP on free loopback ports: a config server, two shard servers (added as
 * {@code shard0000} and {@code shard0001}) and two routers. {@link #close()} stops everything, routers first.
 */
final class InJvmCluster implements AutoCloseable {
    static final String SHARD_A = "shard0000";
    static final String SHARD_B = "shard0001";

    private final List<JmongosServer> servers = new ArrayList<>();
    final JmongosServer config;
    final JmongosServer shardA;
    final JmongosServer shardB;
    final JmongosServer routerOne;
    final JmongosServer routerTwo;

    InJvmCluster() {
        try {
            config = start("--configsvr", "--port", "0", "--bind_ip", "127.0.0.1");
            shardA = start("--shardsvr", "--port", "0", "--bind_ip", "127.0.0.1");
            shardB = start("--shardsvr", "--port", "0", "--bind_ip", "127.0.0.1");
            routerOne = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
            routerTwo = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
            try (MongoClient c = client(routerOne)) {
                assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardA.mainAddress()))
                        .getString("shardAdded")).isEqualTo(SHARD_A);
                assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardB.mainAddress()))
                        .getString("shardAdded")).isEqualTo(SHARD_B);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private JmongosServer start(String... args) {
        JmongosServer s = JmongosServer.start(List.of(args));
        servers.add(s);
        return s;
    }

    /** A driver client straight to one server (a router, or a shard server to look at its own data). */
    static MongoClient client(JmongosServer server) {
        return MongoClients.create("mongodb://" + server.mainAddress() + "/?directConnection=true");
    }

    /** The shard server called {@code name}. */
    JmongosServer shard(String name) {
        return name.equals(SHARD_A) ? shardA : shardB;
    }

    /** The other data shard. */
    static String other(String name) {
        return name.equals(SHARD_A) ? SHARD_B : SHARD_A;
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        servers.clear();
    }
}
