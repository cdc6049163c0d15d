package io.jmongos.it.spec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A {@code client} entity: a MongoClient built from the topology's connection string plus the
 * entity's {@code uriOptions} (passed as connection-string options, so {@code loadBalanced=false}
 * really turns load-balanced mode off), with a listener that records the observed events.
 */
final class ClientEntity implements AutoCloseable {
    /** Heartbeat of the runner's clients: short, so the driver notices servers quickly (as drivers' runners do). */
    static final long HEARTBEAT_MILLIS = 50;
    /** Server selection timeout unless a test sets one: short enough to keep failing tests quick. */
    static final long SERVER_SELECTION_TIMEOUT_MILLIS = 5_000;

    private static final Set<String> KNOWN_KEYS = Set.of("id", "uriOptions", "useMultipleMongoses", "observeEvents",
            "ignoreCommandMonitoringEvents", "observeSensitiveCommands", "storeEventsAsEntities", "serverApi",
            "observeLogMessages", "awaitMinPoolSizeMS");

    private final String id;
    private final MongoClient client;
    private final ClientEvents events;
    private final boolean multipleMongoses;

    private ClientEntity(String id, MongoClient client, ClientEvents events, boolean multipleMongoses) {
        this.id = id;
        this.client = client;
        this.events = events;
        this.multipleMongoses = multipleMongoses;
    }

    static ClientEntity create(BsonDocument spec, SpecTarget target) {
        for (String key : spec.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new UnsupportedFeatureException("client entity option " + key);
            }
        }
        if (spec.containsKey("storeEventsAsEntities")) {
            throw new UnsupportedFeatureException("client storeEventsAsEntities");
        }
        if (spec.containsKey("observeLogMessages")) {
            throw new UnsupportedFeatureException("client observeLogMessages (driver logging)");
        }
        String id = spec.getString("id").getValue();
        boolean multi = SpecJson.bool(spec, "useMultipleMongoses", false);
        Set<String> observe = new HashSet<>();
        SpecJson.array(spec, "observeEvents").forEach(v -> observe.add(v.asString().getValue()));
        Set<String> ignored = new HashSet<>(Set.of("configureFailPoint"));
        SpecJson.array(spec, "ignoreCommandMonitoringEvents").forEach(v -> ignored.add(v.asString().getValue()));
        ClientEvents events = new ClientEvents(observe, ignored,
                SpecJson.bool(spec, "observeSensitiveCommands", false));

        BsonDocument uriOptions = spec.containsKey("uriOptions") ? spec.getDocument("uriOptions") : new BsonDocument();
        ConnectionString cs = new ConnectionString(connectionString(target, multi, uriOptions));
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyToServerSettings(s -> s.heartbeatFrequency(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS)
                        .minHeartbeatFrequency(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT_MILLIS,
                        TimeUnit.MILLISECONDS))
                .applyConnectionString(cs)
                .addCommandListener(events)
                .applyToConnectionPoolSettings(p -> p.addConnectionPoolListener(events));
        if (target.security() != null) {
            // after the connection string: TLS with the runner's CA, and the runner's user
            target.security().apply(b);
        }
        if (spec.containsKey("serverApi")) {
            BsonDocument api = spec.getDocument("serverApi");
            ServerApi.Builder ab = ServerApi.builder()
                    .version(ServerApiVersion.findByValue(api.getString("version").getValue()));
            if (api.containsKey("strict")) {
                ab.strict(api.getBoolean("strict").getValue());
            }
            if (api.containsKey("deprecationErrors")) {
                ab.deprecationErrors(api.getBoolean("deprecationErrors").getValue());
            }
            b.serverApi(ab.build());
        }
        return new ClientEntity(id, MongoClients.create(b.build()), events, multi);
    }

    /** The topology's URI with the entity's options appended (they override the topology's defaults). */
    static String connectionString(SpecTarget target, boolean multi, BsonDocument uriOptions) {
        Map<String, String> options = new LinkedHashMap<>(target.defaultUriOptions());
        for (Map.Entry<String, BsonValue> e : uriOptions.entrySet()) {
            String key = e.getKey();
            if ("authMechanism".equals(key) || "authMechanismProperties".equals(key)) {
                throw new UnsupportedFeatureException("uriOptions." + key + " (authentication)");
            }
            options.keySet().removeIf(k -> k.equalsIgnoreCase(key));
            options.put(key, optionString(e.getValue()));
        }
        StringBuilder uri = new StringBuilder("mongodb://").append(String.join(",", target.hosts(multi))).append('/');
        String sep = "?";
        for (Map.Entry<String, String> e : options.entrySet()) {
            uri.append(sep).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return uri.toString();
    }

    private static String optionString(BsonValue v) {
        if (v.isBoolean()) {
            return String.valueOf(v.asBoolean().getValue());
        }
        if (v.isString()) {
            return v.asString().getValue();
        }
        if (v.isNumber()) {
            return String.valueOf(v.isDouble() ? (long) v.asDouble().getValue() : v.asNumber().longValue());
        }
        throw new UnsupportedFeatureException("uriOptions value of type " + v.getBsonType());
    }

    String id() {
        return id;
    }

    MongoClient client() {
        return client;
    }

    ClientEvents events() {
        return events;
    }

    boolean multipleMongoses() {
        return multipleMongoses;
    }

    @Override
    public void close() {
        client.close();
    }
}
