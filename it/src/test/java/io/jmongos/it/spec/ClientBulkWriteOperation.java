package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import com.mongodb.MongoNamespace;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCluster;
import com.mongodb.client.model.bulk.ClientBulkWriteOptions;
import com.mongodb.client.model.bulk.ClientBulkWriteResult;
import com.mongodb.client.model.bulk.ClientDeleteManyOptions;
import com.mongodb.client.model.bulk.ClientDeleteOneOptions;
import com.mongodb.client.model.bulk.ClientNamespacedWriteModel;
import com.mongodb.client.model.bulk.ClientReplaceOneOptions;
import com.mongodb.client.model.bulk.ClientUpdateManyOptions;
import com.mongodb.client.model.bulk.ClientUpdateOneOptions;

/** {@code clientBulkWrite} (MongoDB 8.0's bulkWrite command through MongoCluster.bulkWrite) and its result. */
final class ClientBulkWriteOperation {
    private ClientBulkWriteOperation() {
    }

    static BsonValue run(ClientEntity entity, Args a, Entities entities) {
        ClientSession s = a.session();
        List<ClientNamespacedWriteModel> models = new ArrayList<>();
        for (BsonDocument m : a.documents("models")) {
            models.add(model(m, entities));
        }
        ClientBulkWriteOptions o = ClientBulkWriteOptions.clientBulkWriteOptions();
        boolean verbose = Boolean.TRUE.equals(a.bool("verboseResults"));
        o.verboseResults(verbose);
        if (a.has("ordered")) {
            o.ordered(a.bool("ordered"));
        }
        if (a.has("bypassDocumentValidation")) {
            o.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        if (a.has("let")) {
            o.let(a.document("let"));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        MongoCluster cluster = entity.client();
        if (a.has("writeConcern")) {
            cluster = cluster.withWriteConcern(DriverOptions.writeConcern(a.document("writeConcern")));
        }
        a.done();
        return result(s == null ? cluster.bulkWrite(models, o) : cluster.bulkWrite(s, models, o));
    }

    private static ClientNamespacedWriteModel model(BsonDocument wrapper, Entities entities) {
        String kind = wrapper.getFirstKey();
        Args m = new Args("clientBulkWrite " + kind, wrapper.getDocument(kind), entities);
        MongoNamespace ns = new MongoNamespace(m.string("namespace"));
        ClientNamespacedWriteModel model = switch (kind) {
            case "insertOne" -> ClientNamespacedWriteModel.insertOne(ns, m.document("document"));
            case "updateOne" -> {
                ClientUpdateOneOptions o = ClientUpdateOneOptions.clientUpdateOneOptions();
                BsonDocument filter = m.document("filter");
                BsonValue update = m.require("update");
                if (m.has("arrayFilters")) {
                    o.arrayFilters(m.documents("arrayFilters"));
                }
                if (m.has("collation")) {
                    o.collation(DriverOptions.collation(m.document("collation")));
                }
                hint(m, o::hintString, o::hint);
                if (m.has("upsert")) {
                    o.upsert(m.bool("upsert"));
                }
                if (m.has("sort")) {
                    o.sort(m.document("sort"));
                }
                yield update.isArray()
                        ? ClientNamespacedWriteModel.updateOne(ns, filter, pipeline(update), o)
                        : ClientNamespacedWriteModel.updateOne(ns, filter, update.asDocument(), o);
            }
            case "updateMany" -> {
                ClientUpdateManyOptions o = ClientUpdateManyOptions.clientUpdateManyOptions();
                BsonDocument filter = m.document("filter");
                BsonValue update = m.require("update");
                if (m.has("arrayFilters")) {
                    o.arrayFilters(m.documents("arrayFilters"));
                }
                if (m.has("collation")) {
                    o.collation(DriverOptions.collation(m.document("collation")));
                }
                hint(m, o::hintString, o::hint);
                if (m.has("upsert")) {
                    o.upsert(m.bool("upsert"));
                }
                yield update.isArray()
                        ? ClientNamespacedWriteModel.updateMany(ns, filter, pipeline(update), o)
                        : ClientNamespacedWriteModel.updateMany(ns, filter, update.asDocument(), o);
            }
            case "replaceOne" -> {
                ClientReplaceOneOptions o = ClientReplaceOneOptions.clientReplaceOneOptions();
                BsonDocument filter = m.document("filter");
                BsonDocument replacement = m.document("replacement");
                if (m.has("collation")) {
                    o.collation(DriverOptions.collation(m.document("collation")));
                }
                hint(m, o::hintString, o::hint);
                if (m.has("upsert")) {
                    o.upsert(m.bool("upsert"));
                }
                if (m.has("sort")) {
                    o.sort(m.document("sort"));
                }
                yield ClientNamespacedWriteModel.replaceOne(ns, filter, replacement, o);
            }
            case "deleteOne" -> {
                ClientDeleteOneOptions o = ClientDeleteOneOptions.clientDeleteOneOptions();
                BsonDocument filter = m.document("filter");
                if (m.has("collation")) {
                    o.collation(DriverOptions.collation(m.document("collation")));
                }
                hint(m, o::hintString, o::hint);
                yield ClientNamespacedWriteModel.deleteOne(ns, filter, o);
            }
            case "deleteMany" -> {
                ClientDeleteManyOptions o = ClientDeleteManyOptions.clientDeleteManyOptions();
                BsonDocument filter = m.document("filter");
                if (m.has("collation")) {
                    o.collation(DriverOptions.collation(m.document("collation")));
                }
                hint(m, o::hintString, o::hint);
                yield ClientNamespacedWriteModel.deleteMany(ns, filter, o);
            }
            default -> throw new UnsupportedFeatureException("clientBulkWrite model " + kind);
        };
        m.done();
        return model;
    }

    private static void hint(Args m, java.util.function.Consumer<String> byName,
                             java.util.function.Consumer<BsonDocument> byKeys) {
        if (m.has("hint")) {
            BsonValue h = m.get("hint");
            if (h.isString()) {
                byName.accept(h.asString().getValue());
            } else {
                byKeys.accept(h.asDocument());
            }
        }
    }

    private static List<BsonDocument> pipeline(BsonValue update) {
        return update.asArray().stream().map(BsonValue::asDocument).toList();
    }

    /** The CRUD spec's BulkWriteResult of clientBulkWrite (verbose results only when requested). */
    static BsonDocument result(ClientBulkWriteResult r) {
        if (!r.isAcknowledged()) {
            return new BsonDocument("acknowledged", org.bson.BsonBoolean.FALSE);
        }
        BsonDocument d = new BsonDocument("insertedCount", new BsonInt64(r.getInsertedCount()))
                .append("upsertedCount", new BsonInt64(r.getUpsertedCount()))
                .append("matchedCount", new BsonInt64(r.getMatchedCount()))
                .append("modifiedCount", new BsonInt64(r.getModifiedCount()))
                .append("deletedCount", new BsonInt64(r.getDeletedCount()));
        r.getVerboseResults().ifPresent(v -> {
            BsonDocument inserts = new BsonDocument();
            for (Map.Entry<Integer, ?> e : new java.util.TreeMap<>(v.getInsertResults()).entrySet()) {
                var i = v.getInsertResults().get(e.getKey());
                BsonDocument one = new BsonDocument();
                i.getInsertedId().ifPresent(id -> one.put("insertedId", id));
                inserts.put(String.valueOf(e.getKey()), one);
            }
            BsonDocument updates = new BsonDocument();
            for (Map.Entry<Integer, ?> e : new java.util.TreeMap<>(v.getUpdateResults()).entrySet()) {
                var u = v.getUpdateResults().get(e.getKey());
                BsonDocument one = new BsonDocument("matchedCount", new BsonInt64(u.getMatchedCount()))
                        .append("modifiedCount", new BsonInt64(u.getModifiedCount()));
                u.getUpsertedId().ifPresent(id -> one.put("upsertedId", id));
                updates.put(String.valueOf(e.getKey()), one);
            }
            BsonDocument deletes = new BsonDocument();
            for (Map.Entry<Integer, ?> e : new java.util.TreeMap<>(v.getDeleteResults()).entrySet()) {
                deletes.put(String.valueOf(e.getKey()), new BsonDocument("deletedCount",
                        new BsonInt64(v.getDeleteResults().get(e.getKey()).getDeletedCount())));
            }
            d.append("insertResults", inserts).append("updateResults", updates).append("deleteResults", deletes);
        });
        return d;
    }
}
