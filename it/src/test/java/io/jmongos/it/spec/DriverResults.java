package io.jmongos.it.spec;

import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import com.mongodb.bulk.BulkWriteInsert;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoIterable;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.InsertManyResult;
import com.mongodb.client.result.InsertOneResult;
import com.mongodb.client.result.UpdateResult;

/** Driver results as the documents the CRUD spec names ("Result" types of the CRUD specification). */
final class DriverResults {
    private static final BsonDocument UNACKNOWLEDGED = new BsonDocument("acknowledged", BsonBoolean.FALSE);

    private DriverResults() {
    }

    static BsonValue insertOne(InsertOneResult r) {
        if (!r.wasAcknowledged()) {
            return UNACKNOWLEDGED.clone();
        }
        BsonDocument d = new BsonDocument();
        if (r.getInsertedId() != null) {
            d.put("insertedId", r.getInsertedId());
        }
        return d;
    }

    static BsonValue insertMany(InsertManyResult r) {
        if (!r.wasAcknowledged()) {
            return UNACKNOWLEDGED.clone();
        }
        BsonDocument ids = new BsonDocument();
        r.getInsertedIds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> ids.put(String.valueOf(e.getKey()), e.getValue()));
        return new BsonDocument("insertedIds", ids);
    }

    static BsonValue update(UpdateResult r) {
        if (!r.wasAcknowledged()) {
            return UNACKNOWLEDGED.clone();
        }
        BsonDocument d = new BsonDocument("matchedCount", new BsonInt64(r.getMatchedCount()))
                .append("modifiedCount", new BsonInt64(r.getModifiedCount()))
                .append("upsertedCount", new BsonInt32(r.getUpsertedId() == null ? 0 : 1));
        if (r.getUpsertedId() != null) {
            d.put("upsertedId", r.getUpsertedId());
        }
        return d;
    }

    static BsonValue delete(DeleteResult r) {
        if (!r.wasAcknowledged()) {
            return UNACKNOWLEDGED.clone();
        }
        return new BsonDocument("deletedCount", new BsonInt64(r.getDeletedCount()));
    }

    static BsonValue bulkWrite(BulkWriteResult r) {
        if (!r.wasAcknowledged()) {
            return UNACKNOWLEDGED.clone();
        }
        BsonDocument inserted = new BsonDocument();
        for (BulkWriteInsert i : r.getInserts()) {
            inserted.put(String.valueOf(i.getIndex()), i.getId());
        }
        BsonDocument upserted = new BsonDocument();
        for (BulkWriteUpsert u : r.getUpserts()) {
            upserted.put(String.valueOf(u.getIndex()), u.getId());
        }
        return new BsonDocument("deletedCount", new BsonInt32(r.getDeletedCount()))
                .append("insertedCount", new BsonInt32(r.getInsertedCount()))
                .append("insertedIds", inserted)
                .append("matchedCount", new BsonInt32(r.getMatchedCount()))
                .append("modifiedCount", new BsonInt32(r.getModifiedCount()))
                .append("upsertedCount", new BsonInt32(r.getUpserts().size()))
                .append("upsertedIds", upserted);
    }

    /** Iterate to the end (closing the cursor) and collect the documents or values. */
    static <T extends BsonValue> BsonArray all(MongoIterable<T> iterable) {
        BsonArray out = new BsonArray();
        try (MongoCursor<T> c = iterable.cursor()) {
            while (c.hasNext()) {
                out.add(c.next());
            }
        }
        return out;
    }
}
