package io.jmongos.it.spec;

import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** databaseOptions / collectionOptions: read concern, write concern, read preference, timeoutMS. */
final class EntityOptions {
    private EntityOptions() {
    }

    static MongoDatabase apply(MongoDatabase db, Args o) {
        MongoDatabase d = db;
        if (o.has("readConcern")) {
            d = d.withReadConcern(DriverOptions.readConcern(o.document("readConcern")));
        }
        if (o.has("writeConcern")) {
            d = d.withWriteConcern(DriverOptions.writeConcern(o.document("writeConcern")));
        }
        if (o.has("readPreference")) {
            d = d.withReadPreference(DriverOptions.readPreference(o.document("readPreference")));
        }
        if (o.has("timeoutMS")) {
            d = d.withTimeout(o.longValue("timeoutMS"), TimeUnit.MILLISECONDS);
        }
        return d;
    }

    static MongoCollection<BsonDocument> apply(MongoCollection<BsonDocument> coll, Args o) {
        MongoCollection<BsonDocument> c = coll;
        if (o.has("readConcern")) {
            c = c.withReadConcern(DriverOptions.readConcern(o.document("readConcern")));
        }
        if (o.has("writeConcern")) {
            c = c.withWriteConcern(DriverOptions.writeConcern(o.document("writeConcern")));
        }
        if (o.has("readPreference")) {
            c = c.withReadPreference(DriverOptions.readPreference(o.document("readPreference")));
        }
        if (o.has("timeoutMS")) {
            c = c.withTimeout(o.longValue("timeoutMS"), TimeUnit.MILLISECONDS);
        }
        return c;
    }
}
