package io.jmongos.it.spec;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;

/** Dispatch of operations on a collection entity. */
final class CollectionOperations {
    private CollectionOperations() {
    }

    static Object run(CollectionEntity entity, String name, Args a, Entities entities) {
        MongoCollection<BsonDocument> coll = entity.coll();
        return switch (name) {
            case "find" -> DriverResults.all(ReadOperations.find(coll, a));
            case "findOne" -> ReadOperations.findOne(coll, a);
            case "createFindCursor" -> new DriverCursor(ReadOperations.find(coll, a).cursor());
            case "aggregate" -> {
                ClientSession s = a.session();
                List<BsonDocument> pipeline = a.documents("pipeline");
                var it = s == null ? coll.aggregate(pipeline) : coll.aggregate(s, pipeline);
                yield ReadOperations.aggregateResult(ReadOperations.aggregate(it, a), pipeline);
            }
            case "countDocuments" -> ReadOperations.countDocuments(coll, a);
            case "estimatedDocumentCount" -> ReadOperations.estimatedDocumentCount(coll, a);
            case "count" -> throw new UnsupportedFeatureException(
                    "deprecated count helper (removed from the Java driver)");
            case "distinct" -> ReadOperations.distinct(coll, a);
            case "insertOne" -> WriteOperations.insertOne(coll, a);
            case "insertMany" -> WriteOperations.insertMany(coll, a);
            case "updateOne" -> WriteOperations.update(coll, a, false);
            case "updateMany" -> WriteOperations.update(coll, a, true);
            case "replaceOne" -> WriteOperations.replaceOne(coll, a);
            case "deleteOne" -> WriteOperations.delete(coll, a, false);
            case "deleteMany" -> WriteOperations.delete(coll, a, true);
            case "findOneAndUpdate" -> WriteOperations.findOneAndUpdate(coll, a);
            case "findOneAndReplace" -> WriteOperations.findOneAndReplace(coll, a);
            case "findOneAndDelete" -> WriteOperations.findOneAndDelete(coll, a);
            case "bulkWrite" -> BulkWriteOperation.run(coll, a, entities);
            case "createIndex" -> createIndex(coll, a);
            case "dropIndex" -> {
                ClientSession s = a.session();
                String index = a.string("name");
                if (s == null) {
                    coll.dropIndex(index);
                } else {
                    coll.dropIndex(s, index);
                }
                yield null;
            }
            case "listIndexes" -> ReadOperations.listIndexes(coll, a, false);
            case "listIndexNames" -> ReadOperations.listIndexes(coll, a, true);
            case "drop" -> {
                ClientSession s = a.session();
                if (s == null) {
                    coll.drop();
                } else {
                    coll.drop(s);
                }
                yield null;
            }
            case "createChangeStream" -> ChangeStreams.open(coll, a);
            default -> throw new UnsupportedFeatureException("collection operation " + name);
        };
    }

    private static Object createIndex(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument keys = a.document("keys");
        IndexOptions o = new IndexOptions();
        if (a.has("name")) {
            o.name(a.string("name"));
        }
        if (a.has("unique")) {
            o.unique(a.bool("unique"));
        }
        if (a.has("sparse")) {
            o.sparse(a.bool("sparse"));
        }
        if (a.has("expireAfterSeconds")) {
            o.expireAfter(a.longValue("expireAfterSeconds"), java.util.concurrent.TimeUnit.SECONDS);
        }
        if (a.has("partialFilterExpression")) {
            o.partialFilterExpression(a.document("partialFilterExpression"));
        }
        String created = s == null ? coll.createIndex(keys, o) : coll.createIndex(s, keys, o);
        return new BsonString(created);
    }
}
