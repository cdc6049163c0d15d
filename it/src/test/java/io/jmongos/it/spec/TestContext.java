package io.jmongos.it.spec;

import java.util.LinkedHashSet;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** The state of one running test: its environment, its entities and the fail points it set. */
final class TestContext implements AutoCloseable {
    private final SpecEnvironment env;
    private final Entities entities = new Entities();
    private final Set<String> failPoints = new LinkedHashSet<>();

    TestContext(SpecEnvironment env) {
        this.env = env;
    }

    SpecEnvironment env() {
        return env;
    }

    Entities entities() {
        return entities;
    }

    void failPointSet(String name) {
        failPoints.add(name);
    }

    Set<String> failPoints() {
        return failPoints;
    }

    /** Create the entities of {@code createEntities} (file level or the testRunner operation). */
    void createEntities(BsonArray list) {
        for (BsonValue v : list) {
            BsonDocument wrapper = v.asDocument();
            String kind = wrapper.getFirstKey();
            BsonDocument spec = wrapper.getDocument(kind);
            String id = spec.getString("id").getValue();
            switch (kind) {
                case "client" -> entities.put(id, ClientEntity.create(spec, env.target()));
                case "database" -> {
                    ClientEntity client = entities.client(spec.getString("client").getValue());
                    MongoDatabase db = client.client().getDatabase(spec.getString("databaseName").getValue());
                    Args o = new Args("databaseOptions", spec.getDocument("databaseOptions", null), entities);
                    db = EntityOptions.apply(db, o);
                    o.done();
                    entities.put(id, new DatabaseEntity(db, client));
                }
                case "collection" -> {
                    DatabaseEntity db = entities.get(spec.getString("database").getValue(), DatabaseEntity.class);
                    MongoCollection<BsonDocument> coll = db.db().getCollection(
                            spec.getString("collectionName").getValue(), BsonDocument.class);
                    Args o = new Args("collectionOptions", spec.getDocument("collectionOptions", null), entities);
                    coll = EntityOptions.apply(coll, o);
                    o.done();
                    entities.put(id, new CollectionEntity(coll, db.client()));
                }
                case "session" -> {
                    ClientEntity client = entities.client(spec.getString("client").getValue());
                    entities.put(id, new SessionEntity(client,
                            DriverOptions.sessionOptions(spec.getDocument("sessionOptions", null), entities)));
                }
                case "bucket" -> {
                    DatabaseEntity db = entities.get(spec.getString("database").getValue(), DatabaseEntity.class);
                    Args o = new Args("bucketOptions", spec.getDocument("bucketOptions", null), entities);
                    entities.put(id, BucketOperations.create(db.db(), o));
                    o.done();
                }
                case "thread" -> throw new UnsupportedFeatureException("thread entities");
                case "clientEncryption" -> throw new UnsupportedFeatureException("clientEncryption entities (csfle)");
                default -> throw new UnsupportedFeatureException("entity type " + kind);
            }
        }
    }

    @Override
    public void close() {
        entities.close();
    }
}
