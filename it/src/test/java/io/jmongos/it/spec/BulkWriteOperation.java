package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;

/** The collection {@code bulkWrite} operation and its request models. */
final class BulkWriteOperation {
    private BulkWriteOperation() {
    }

    static BsonValue run(MongoCollection<BsonDocument> coll, Args a, Entities entities) {
        ClientSession s = a.session();
        List<WriteModel<BsonDocument>> models = new ArrayList<>();
        for (BsonDocument r : a.documents("requests")) {
            models.add(model(r, entities));
        }
        BulkWriteOptions o = new BulkWriteOptions();
        if (a.has("ordered")) {
            o.ordered(a.bool("ordered"));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        if (a.has("let")) {
            o.let(a.document("let"));
        }
        if (a.has("bypassDocumentValidation")) {
            o.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        return DriverResults.bulkWrite(s == null ? coll.bulkWrite(models, o) : coll.bulkWrite(s, models, o));
    }

    private static WriteModel<BsonDocument> model(BsonDocument request, Entities entities) {
        String kind = request.getFirstKey();
        Args m = new Args("bulkWrite " + kind, request.getDocument(kind), entities);
        WriteModel<BsonDocument> model = switch (kind) {
            case "insertOne" -> new InsertOneModel<>(m.document("document"));
            case "updateOne", "updateMany" -> {
                BsonDocument filter = m.document("filter");
                BsonValue update = m.require("update");
                var o = WriteOperations.updateOptions(m);
                boolean one = "updateOne".equals(kind);
                if (update.isArray()) {
                    List<BsonDocument> p = update.asArray().stream().map(BsonValue::asDocument).toList();
                    yield one ? new UpdateOneModel<>(filter, p, o) : new UpdateManyModel<>(filter, p, o);
                }
                yield one ? new UpdateOneModel<>(filter, update.asDocument(), o)
                        : new UpdateManyModel<>(filter, update.asDocument(), o);
            }
            case "replaceOne" -> new ReplaceOneModel<>(m.document("filter"), m.document("replacement"),
                    WriteOperations.replaceOptions(m));
            case "deleteOne" -> new DeleteOneModel<>(m.document("filter"), WriteOperations.deleteOptions(m));
            case "deleteMany" -> new DeleteManyModel<>(m.document("filter"), WriteOperations.deleteOptions(m));
            default -> throw new UnsupportedFeatureException("bulkWrite request " + kind);
        };
        m.done();
        return model;
    }
}
