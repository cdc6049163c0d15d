package io.jmongos.it.spec;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;

/** Collection operations that write (single-document and multi-document CRUD, findAndModify helpers). */
final class WriteOperations {
    private WriteOperations() {
    }

    static BsonValue insertOne(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument doc = a.document("document");
        InsertOneOptions o = new InsertOneOptions();
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        if (a.has("bypassDocumentValidation")) {
            o.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        return DriverResults.insertOne(s == null ? coll.insertOne(doc, o) : coll.insertOne(s, doc, o));
    }

    static BsonValue insertMany(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        List<BsonDocument> docs = a.documents("documents");
        InsertManyOptions o = new InsertManyOptions();
        if (a.has("ordered")) {
            o.ordered(a.bool("ordered"));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        if (a.has("bypassDocumentValidation")) {
            o.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        return DriverResults.insertMany(s == null ? coll.insertMany(docs, o) : coll.insertMany(s, docs, o));
    }

    static UpdateOptions updateOptions(Args a) {
        UpdateOptions o = new UpdateOptions();
        if (a.has("upsert")) {
            o.upsert(a.bool("upsert"));
        }
        if (a.has("arrayFilters")) {
            o.arrayFilters(a.documents("arrayFilters"));
        }
        if (a.has("collation")) {
            o.collation(DriverOptions.collation(a.document("collation")));
        }
        a.hint(o::hintString, o::hint);
        if (a.has("let")) {
            o.let(a.document("let"));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        if (a.has("bypassDocumentValidation")) {
            o.bypassDocumentValidation(a.bool("bypassDocumentValidation"));
        }
        if (a.has("sort")) {
            o.sort(a.document("sort"));
        }
        return o;
    }

    static BsonValue update(MongoCollection<BsonDocument> coll, Args a, boolean many) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        BsonValue update = a.require("update");
        UpdateOptions o = updateOptions(a);
        if (update.isArray()) {
            List<BsonDocument> pipeline = update.asArray().stream().map(BsonValue::asDocument).toList();
            return DriverResults.update(many
                    ? (s == null ? coll.updateMany(filter, pipeline, o) : coll.updateMany(s, filter, pipeline, o))
                    : (s == null ? coll.updateOne(filter, pipeline, o) : coll.updateOne(s, filter, pipeline, o)));
        }
        BsonDocument u = update.asDocument();
        return DriverResults.update(many
                ? (s == null ? coll.updateMany(filter, u, o) : coll.updateMany(s, filter, u, o))
                : (s == null ? coll.updateOne(filter, u, o) : coll.updateOne(s, filter, u, o)));
    }

    static ReplaceOptions replaceOptions(Args a) {
        UpdateOptions u = updateOptions(a);
        ReplaceOptions o = new ReplaceOptions().upsert(u.isUpsert()).collation(u.getCollation())
                .bypassDocumentValidation(u.getBypassDocumentValidation()).let(u.getLet()).sort(u.getSort());
        a.hint(o::hintString, o::hint);
        if (u.getComment() != null) {
            o.comment(u.getComment());
        }
        if (u.getArrayFilters() != null) {
            throw new UnsupportedFeatureException("replaceOne arrayFilters");
        }
        return o;
    }

    static BsonValue replaceOne(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        BsonDocument replacement = a.document("replacement");
        ReplaceOptions o = replaceOptions(a);
        return DriverResults.update(s == null ? coll.replaceOne(filter, replacement, o)
                : coll.replaceOne(s, filter, replacement, o));
    }

    static DeleteOptions deleteOptions(Args a) {
        DeleteOptions o = new DeleteOptions();
        if (a.has("collation")) {
            o.collation(DriverOptions.collation(a.document("collation")));
        }
        a.hint(o::hintString, o::hint);
        if (a.has("let")) {
            o.let(a.document("let"));
        }
        if (a.has("comment")) {
            o.comment(a.get("comment"));
        }
        return o;
    }

    static BsonValue delete(MongoCollection<BsonDocument> coll, Args a, boolean many) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        DeleteOptions o = deleteOptions(a);
        return DriverResults.delete(many
                ? (s == null ? coll.deleteMany(filter, o) : coll.deleteMany(s, filter, o))
                : (s == null ? coll.deleteOne(filter, o) : coll.deleteOne(s, filter, o)));
    }

    private static ReturnDocument returnDocument(Args a) {
        String r = a.string("returnDocument");
        return "After".equalsIgnoreCase(r) ? ReturnDocument.AFTER : ReturnDocument.BEFORE;
    }

    static BsonValue findOneAndUpdate(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        BsonValue update = a.require("update");
        UpdateOptions u = updateOptions(a);
        FindOneAndUpdateOptions o = new FindOneAndUpdateOptions().upsert(u.isUpsert()).collation(u.getCollation())
                .arrayFilters(u.getArrayFilters()).bypassDocumentValidation(u.getBypassDocumentValidation())
                .let(u.getLet()).sort(u.getSort()).returnDocument(returnDocument(a));
        a.hint(o::hintString, o::hint);
        if (u.getComment() != null) {
            o.comment(u.getComment());
        }
        if (a.has("projection")) {
            o.projection(a.document("projection"));
        }
        if (a.has("maxTimeMS")) {
            o.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        BsonDocument r;
        if (update.isArray()) {
            List<BsonDocument> p = update.asArray().stream().map(BsonValue::asDocument).toList();
            r = s == null ? coll.findOneAndUpdate(filter, p, o) : coll.findOneAndUpdate(s, filter, p, o);
        } else {
            BsonDocument d = update.asDocument();
            r = s == null ? coll.findOneAndUpdate(filter, d, o) : coll.findOneAndUpdate(s, filter, d, o);
        }
        return r == null ? BsonNull.VALUE : r;
    }

    static BsonValue findOneAndReplace(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        BsonDocument replacement = a.document("replacement");
        ReplaceOptions r = replaceOptions(a);
        FindOneAndReplaceOptions o = new FindOneAndReplaceOptions().upsert(r.isUpsert()).collation(r.getCollation())
                .bypassDocumentValidation(r.getBypassDocumentValidation()).let(r.getLet()).sort(r.getSort())
                .returnDocument(returnDocument(a));
        a.hint(o::hintString, o::hint);
        if (r.getComment() != null) {
            o.comment(r.getComment());
        }
        if (a.has("projection")) {
            o.projection(a.document("projection"));
        }
        if (a.has("maxTimeMS")) {
            o.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        BsonDocument d = s == null ? coll.findOneAndReplace(filter, replacement, o)
                : coll.findOneAndReplace(s, filter, replacement, o);
        return d == null ? BsonNull.VALUE : d;
    }

    static BsonValue findOneAndDelete(MongoCollection<BsonDocument> coll, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.document("filter");
        DeleteOptions del = deleteOptions(a);
        FindOneAndDeleteOptions o = new FindOneAndDeleteOptions().collation(del.getCollation()).let(del.getLet());
        a.hint(o::hintString, o::hint);
        if (del.getComment() != null) {
            o.comment(del.getComment());
        }
        if (a.has("sort")) {
            o.sort(a.document("sort"));
        }
        if (a.has("projection")) {
            o.projection(a.document("projection"));
        }
        if (a.has("maxTimeMS")) {
            o.maxTime(a.longValue("maxTimeMS"), TimeUnit.MILLISECONDS);
        }
        BsonDocument d = s == null ? coll.findOneAndDelete(filter, o) : coll.findOneAndDelete(s, filter, o);
        return d == null ? BsonNull.VALUE : d;
    }
}
