package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A target plus the runner's own direct clients to every jmongos and the facts runOnRequirements
 * needs (server version from buildInfo, server parameters from getParameter).
 */
final class SpecEnvironment implements AutoCloseable {
    private final SpecTarget target;
    private final Map<String, MongoClient> utility = new LinkedHashMap<>();
    private final String version;
    private BsonDocument parameters;

    SpecEnvironment(SpecTarget target) {
        this.target = target;
        for (String hostPort : target.mongoses()) {
            MongoClientSettings.Builder b = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://" + hostPort + "/?directConnection=true"))
                    .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS));
            if (target.security() != null) {
                target.security().apply(b);
            }
            utility.put(hostPort, MongoClients.create(b.build()));
        }
        this.version = util().getDatabase("admin").runCommand(new BsonDocument("buildInfo", new BsonInt32(1)))
                .getString("version");
    }

    SpecTarget target() {
        return target;
    }

    String topology() {
        return target.topology();
    }

    /** Whether the servers require authentication (and every client of the runner authenticates). */
    boolean auth() {
        return target.security() != null;
    }

    /** The server version jmongos advertises in buildInfo. */
    String version() {
        return version;
    }

    /** The runner's client to the first jmongos. */
    MongoClient util() {
        return utility.values().iterator().next();
    }

    /** The runner's clients to every jmongos. */
    List<MongoClient> utilAll() {
        return new ArrayList<>(utility.values());
    }

    /** The runner's client to one jmongos, by host:port, or null when the address is not a jmongos. */
    MongoClient utilFor(String hostPort) {
        return utility.get(hostPort);
    }

    /** getParameter: '*' of the first jmongos (cached). */
    synchronized BsonDocument parameters() {
        if (parameters == null) {
            try {
                parameters = util().getDatabase("admin").runCommand(
                        new BsonDocument("getParameter", new BsonString("*")), BsonDocument.class);
            } catch (MongoException e) {
                parameters = new BsonDocument();
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        utility.values().forEach(MongoClient::close);
    }
}
