package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.Map;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

/**
 * {@code $out: "coll"} or {@code {db, coll}} (same database only): replaces the collection with the results.
 * The write happens when the returned (always empty) iterator is first asked {@code hasNext()}.
 */
public final class OutStage implements Stage {
    private final String db;
    private final String coll;

    private OutStage(String db, String coll) {
        this.db = db;
        this.coll = coll;
    }

    public static OutStage parse(BsonValue spec) {
        String db = null;
        String coll;
        if (spec.isString()) {
            coll = spec.asString().getValue();
        } else if (spec.isDocument()) {
            coll = null;
            for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
                if (e.getKey().equals("db") && e.getValue().isString()) {
                    db = e.getValue().asString().getValue();
                } else if (e.getKey().equals("coll") && e.getValue().isString()) {
                    coll = e.getValue().asString().getValue();
                } else if (e.getKey().equals("timeseries")) {
                    throw AggErrors.fail(ErrorCode.NOT_IMPLEMENTED, "$out to a time-series collection is not "
                            + "supported by jmongos");
                } else {
                    throw AggErrors.fail(40415, "BSON field '$out." + e.getKey() + "' is an unknown field.");
                }
            }
            if (coll == null) {
                throw AggErrors.fail(40414, "BSON field '$out.coll' is missing but a required field");
            }
        } else {
            throw AggErrors.fail(16990, "$out only supports a string or object argument, but found "
                    + Values.typeName(spec));
        }
        checkCollectionName("$out", coll);
        return new OutStage(db, coll);
    }

    static void checkCollectionName(String stage, String coll) {
        if (coll.isEmpty() || coll.startsWith(".") || coll.indexOf('$') >= 0 || coll.indexOf('\0') >= 0) {
            throw AggErrors.fail(ErrorCode.INVALID_NAMESPACE, "Invalid " + stage + " target namespace: '" + coll + "'");
        }
        if (coll.startsWith("system.")) {
            throw AggErrors.fail(17385, "Can't " + stage + " to special collection: " + coll);
        }
    }

    /** The document with an {@code _id} first, generating an ObjectId when it has none. */
    static BsonDocument withId(BsonDocument doc) {
        if (doc.containsKey("_id")) {
            return doc;
        }
        BsonDocument out = new BsonDocument("_id", new BsonObjectId());
        doc.forEach(out::put);
        return out;
    }

    @Override
    public String name() {
        return "$out";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            @Override
            protected BsonDocument compute() {
                if (db != null && !db.equals(ctx.context().database())) {
                    throw AggErrors.fail(ErrorCode.NOT_IMPLEMENTED, "$out to another database (" + db
                            + ") is not supported by jmongos");
                }
                ctx.context().replaceCollection(coll, new LazyIterator<>() {
                    @Override
                    protected BsonDocument compute() {
                        return input.hasNext() ? withId(input.next()) : null;
                    }
                });
                return null;
            }
        };
    }
}
