package io.jmongos.it.spec;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.CursorType;
import com.mongodb.client.AggregateIterable;
import com.mongodb.client.ClientSession;
import com.mongodb.client.DistinctIterable;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.EstimatedDocumentCountOptions;

/** Collection operations that read: find, aggregate, counts, distinct, and their cursors. */
final class ReadOperations {
    private ReadOperations() {
    }

    static FindIterable<BsonDocument> find(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.has("filter") ? a.document("filter") : new BsonDocument();
        FindIterable<BsonDocument> it = s == null ? coll.find(filter) : coll.find(s, filter);
        if (a.has("sort")) {
            it.sort(a.document("sort"));
        }
        if (a.has("projection")) {
            it.projection(a.document("projection"));
        }
        if (a.has("skip")) {
            it.skip(a.integer("skip"));
        }
        if (a.has("limit")) {
            it.limit(a.integer("limit"));
        }
        if (a.has("batchSize")) {
            it.batchSize(a.integer("batchSize"));
        }
        a.hint(it::hintString, it::hint);
        if (a.has("comment")) {
            it.comment(a.get("comment"));
        }
        if (a.has("collation")) {
            it.collation(DriverOptions.collation(a.document("collation")));
        }
        if (a.has("let")) {
            it.let(a.document("let"));
        }
        if (a.has("allowDiskUse")) {
            it.allowDiskUse(a.bool("allowDiskUse"));
        }
        if (a.has("maxTimeMS")) {
            it.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("maxAwaitTimeMS")) {
            it.maxAwaitTime(a.longValue("maxAwaitTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("min")) {
            it.min(a.document("min"));
        }
        if (a.has("max")) {
            it.max(a.document("max"));
        }
        if (a.has("returnKey")) {
            it.returnKey(a.bool("returnKey"));
        }
        if (a.has("showRecordId")) {
            it.showRecordId(a.bool("showRecordId"));
        }
        if (a.has("noCursorTimeout")) {
            it.noCursorTimeout(a.bool("noCursorTimeout"));
        }
        if (a.has("allowPartialResults")) {
            it.partial(a.bool("allowPartialResults"));
        }
        if (a.has("cursorType")) {
            String t = a.string("cursorType");
            it.cursorType("tailable".equals(t) ? CursorType.Tailable
                    : "tailableAwait".equals(t) ? CursorType.TailableAwait : CursorType.NonTailable);
        }
        return it;
    }

    static BsonValue findOne(MongoCollection<BsonDocument> coll, Args a) {
        BsonDocument first = find(coll, a).first();
        return first == null ? BsonNull.VALUE : first;
    }

    static AggregateIterable<BsonDocument> aggregate(AggregateIterable<BsonDocument> it, Args a) {
        if (a.has("batchSize")) {
            it.batchSize(a.integer("batchSize"));
        }
        if (a.has("allowDiskUse")) {
            it.allowDiskUse(a.bool("allowDiskUse"));
        }
        if (a.has("collation")) {
            it.collation(DriverOptions.collation(a.document("collation")));
        }
        if (a.has("comment")) {
            it.comment(a.get("comment"));
        }
        a.hint(it::hintString, it::hint);
        if (a.has("let")) {
            it.let(a.document("let"));
        }
        if (a.has("maxTimeMS")) {
            it.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("maxAwaitTimeMS")) {
            it.maxAwaitTime(a.longValue("maxAwaitTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("bypassDocumentValidation")) {
            it.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        return it;
    }

    /** Run an aggregation; a pipeline that ends in $out/$merge returns no documents (driver toCollection). */
    static BsonArray aggregateResult(AggregateIterable<BsonDocument> it, List<BsonDocument> pipeline) {
        if (!pipeline.isEmpty()) {
            String last = pipeline.get(pipeline.size() - 1).getFirstKey();
            if ("$out".equals(last) || "$merge".equals(last)) {
                it.toCollection();
                return new BsonArray();
            }
        }
        return DriverResults.all(it);
    }

    static BsonValue countDocuments(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.has("filter") ? a.document("filter") : new BsonDocument();
        CountOptions o = new CountOptions();
        if (a.has("skip")) {
            o.skip(a.integer("skip"));
        }
        if (a.has("limit")) {
            o.limit(a.integer("limit"));
        }
        a.hint(o::hintString, o::hint);
        if (a.has("collation")) {
            o.collation(DriverOptions.collation(a.document("collation")));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        if (a.has("maxTimeMS")) {
            o.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        return new BsonInt64(s == null ? coll.countDocuments(filter, o) : coll.countDocuments(s, filter, o));
    }

    static BsonValue estimatedDocumentCount(MongoCollection<BsonDocument> coll, Args a) {
        EstimatedDocumentCountOptions o = new EstimatedDocumentCountOptions();
        if (a.has("maxTimeMS")) {
            o.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        return new BsonInt64(coll.estimatedDocumentCount(o));
    }

    static BsonValue distinct(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        String field = a.string("fieldName");
        BsonDocument filter = a.has("filter") ? a.document("filter") : new BsonDocument();
        DistinctIterable<BsonValue> it = s == null ? coll.distinct(field, filter, BsonValue.class)
                : coll.distinct(s, field, filter, BsonValue.class);
        if (a.has("collation")) {
            it.collation(DriverOptions.collation(a.document("collation")));
        }
        if (a.has("comment")) {
            it.comment(a.get("comment"));
        }
        a.hint(it::hintString, it::hint);
        if (a.has("maxTimeMS")) {
            it.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        return DriverResults.all(it);
    }

    static BsonValue listIndexes(MongoCollection<BsonDocument> coll, Args a, boolean namesOnly) {
        ClientSession s = a.session();
        var it = s == null ? coll.listIndexes(BsonDocument.class) : coll.listIndexes(s, BsonDocument.class);
        if (a.has("batchSize")) {
            it.batchSize(a.integer("batchSize"));
        }
        BsonArray all = DriverResults.all(it);
        if (!namesOnly) {
            return all;
        }
        BsonArray names = new BsonArray();
        all.forEach(d -> names.add(new BsonString(d.asDocument().getString("name").getValue())));
        return names;
    }
}
