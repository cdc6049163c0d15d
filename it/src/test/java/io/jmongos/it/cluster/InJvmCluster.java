package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;

/**
 * A cluster in this JVM over real TCP on free loopback ports: a config server, two (or more) shard servers (added as
 * {@code shard0000}, {@code shard0001}, ...) and two routers. {@link #close()} stops everything, routers first.
 */
public final class InJvmCluster implements AutoCloseable {
    public static final String SHARD_A = "shard0000";
    public static final String SHARD_B = "shard0001";

    private final List<JmongosServer> servers = new ArrayList<>();
    private final List<JmongosServer> dataShards = new ArrayList<>();
    public final JmongosServer config;
    public final JmongosServer shardA;
    public final JmongosServer shardB;
    public final JmongosServer routerOne;
    public final JmongosServer routerTwo;

    /** Two shard servers. */
    public InJvmCluster() {
        this(2);
    }

    /** {@code shardCount} (at least two) shard servers, added in order as shard0000, shard0001, ... */
    public InJvmCluster(int shardCount) {
        try {
            config = start("--configsvr", "--port", "0", "--bind_ip", "127.0.0.1");
            for (int i = 0; i < shardCount; i++) {
                dataShards.add(start("--shardsvr", "--port", "0", "--bind_ip", "127.0.0.1"));
            }
            shardA = dataShards.get(0);
            shardB = dataShards.get(1);
            routerOne = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
            routerTwo = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
            try (MongoClient c = client(routerOne)) {
                for (int i = 0; i < shardCount; i++) {
                    assertThat(c.getDatabase("admin").runCommand(new Document("addShard",
                            dataShards.get(i).mainAddress())).getString("shardAdded")).isEqualTo(shardName(i));
                }
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
    public static MongoClient client(JmongosServer server) {
        return MongoClients.create("mongodb://" + server.mainAddress() + "/?directConnection=true");
    }

    /** The name addShard gave the {@code i}-th shard server: shard0000, shard0001, ... */
    public static String shardName(int i) {
        return String.format("shard%04d", i);
    }

    /** The shard servers, in the order they were added. */
    public List<JmongosServer> shards() {
        return List.copyOf(dataShards);
    }

    /** The shard server called {@code name}. */
    public JmongosServer shard(String name) {
        return dataShards.get(Integer.parseInt(name.substring("shard".length())));
    }

    /** The other data shard (of the first two). */
    static String other(String name) {
        return name.equals(SHARD_A) ? SHARD_B : SHARD_A;
    }

    @Override
    public void close() {
        dataShards.clear();
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        servers.clear();
    }
}
