package io.jmongos.it.conformance;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCompressor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** Driver clients for the conformance tests. */
final class Clients {
    /** Server selection deadline: generous for a loaded CI box; tests assert behaviour, not speed. */
    static final int SELECTION_TIMEOUT_SECONDS = 20;

    private Clients() {
    }

    static MongoClient plain(String address) {
        return create(address, List.of());
    }

    static MongoClient create(String address, List<MongoCompressor> compressors) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address))
                .compressorList(compressors)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(SELECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(SELECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .build());
    }
}
