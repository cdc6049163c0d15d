package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.Map;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $unwind: "$path"} or {@code {path, includeArrayIndex, preserveNullAndEmptyArrays}}: one document
 * per array element; a non-array value passes as if it were a one-element array.
 */
public final class UnwindStage implements Stage {
    private final FieldPath path;
    private final FieldPath indexPath;
    private final boolean preserve;

    private UnwindStage(FieldPath path, FieldPath indexPath, boolean preserve) {
        this.path = path;
        this.indexPath = indexPath;
        this.preserve = preserve;
    }

    public static UnwindStage parse(BsonValue spec) {
        String path;
        String index = null;
        boolean preserve = false;
        if (spec.isString()) {
            path = spec.asString().getValue();
        } else if (spec.isDocument()) {
            path = null;
            for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
                BsonValue v = e.getValue();
                switch (e.getKey()) {
                    case "path":
                        if (!v.isString()) {
                            throw AggErrors.fail(28808, "expected a string as the path for $unwind stage, got "
                                    + Values.typeName(v));
                        }
                        path = v.asString().getValue();
                        break;
                    case "includeArrayIndex":
                        if (!v.isString() || v.asString().getValue().isEmpty()) {
                            throw AggErrors.fail(28810, "expected a non-empty string for the includeArrayIndex "
                                    + " option to $unwind stage");
                        }
                        index = v.asString().getValue();
                        if (index.startsWith("$")) {
                            throw AggErrors.fail(28822, "includeArrayIndex option to $unwind stage should not be "
                                    + "prefixed with a '$': " + index);
                        }
                        break;
                    case "preserveNullAndEmptyArrays":
                        if (!v.isBoolean()) {
                            throw AggErrors.fail(28809, "expected a boolean for the preserveNullAndEmptyArrays "
                                    + "option to $unwind stage, got " + Values.typeName(v));
                        }
                        preserve = v.asBoolean().getValue();
                        break;
                    default:
                        throw AggErrors.fail(28811, "unrecognized option to $unwind stage: " + e.getKey());
                }
            }
            if (path == null) {
                throw AggErrors.fail(28812, "no path specified to $unwind stage");
            }
        } else {
            throw AggErrors.fail(15981, "expected either a string or an object as specification for $unwind stage, "
                    + "got " + Values.typeName(spec));
        }
        if (path.isEmpty()) {
            throw AggErrors.fail(40352, "FieldPath cannot be constructed with empty string");
        }
        if (!path.startsWith("$")) {
            throw AggErrors.fail(28818, "path option to $unwind stage should be prefixed with a '$': " + path);
        }
        return new UnwindStage(FieldPath.parse(path.substring(1)), index == null ? null : FieldPath.parse(index),
                preserve);
    }

    @Override
    public String name() {
        return "$unwind";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private BsonDocument doc;
            private BsonArray array;
            private int pos;

            @Override
            protected BsonDocument compute() {
                while (true) {
                    if (array != null && pos < array.size()) {
                        BsonDocument out = DocPaths.with(doc, path, array.get(pos));
                        if (indexPath != null) {
                            out = DocPaths.with(out, indexPath, new BsonInt64(pos));
                        }
                        pos++;
                        return out;
                    }
                    array = null;
                    if (!input.hasNext()) {
                        return null;
                    }
                    doc = input.next();
                    BsonValue v = DocPaths.get(doc, path);
                    if (v != null && v.isArray() && !v.asArray().isEmpty()) {
                        array = v.asArray();
                        pos = 0;
                        continue;
                    }
                    if (v != null && !v.isArray() && !v.isNull()) {
                        return indexPath == null ? doc : DocPaths.with(doc, indexPath, BsonNull.VALUE);
                    }
                    if (preserve) {
                        BsonDocument out = v != null && v.isArray() ? DocPaths.with(doc, path, null) : doc;
                        return indexPath == null ? out : DocPaths.with(out, indexPath, BsonNull.VALUE);
                    }
                }
            }
        };
    }
}
