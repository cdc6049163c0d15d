package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.query.SortSpec;

/**
 * The stages after {@code $currentOp}, run by the router on its own report: $match, $project, $unset,
 * $sort, $skip, $limit and $count (the engine's query matcher, projection and sort do the work). Other
 * stages are refused with NotImplemented until the router can hand the rest to the aggregation module.
 */
final class PipelineTail {
    private PipelineTail() {
    }

    static List<BsonDocument> apply(List<BsonDocument> docs, List<BsonValue> stages) {
        List<BsonDocument> cur = docs;
        for (BsonValue stage : stages) {
            if (!stage.isDocument() || stage.asDocument().size() != 1) {
                throw new CommandFailedException(40323, "Location40323",
                        "A pipeline stage specification object must contain exactly one field.");
            }
            String name = stage.asDocument().getFirstKey();
            BsonValue spec = stage.asDocument().get(name);
            cur = switch (name) {
                case "$match" -> match(cur, doc(name, spec));
                case "$project" -> project(cur, doc(name, spec));
                case "$unset" -> project(cur, unsetSpec(spec));
                case "$sort" -> sort(cur, doc(name, spec));
                case "$skip" -> cur.subList((int) Math.min(cur.size(), count(name, spec)), cur.size());
                case "$limit" -> cur.subList(0, (int) Math.min(cur.size(), count(name, spec)));
                case "$count" -> countStage(cur, spec);
                case "$currentOp" -> throw new CommandFailedException(40602, "Location40602",
                        "$currentOp is only valid as the first stage in a pipeline");
                default -> throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                        "stage " + name + " after $currentOp is not supported by jmongos");
            };
        }
        return cur;
    }

    private static List<BsonDocument> match(List<BsonDocument> docs, BsonDocument filter) {
        QueryMatcher m = QueryCompiler.compile(filter);
        List<BsonDocument> out = new ArrayList<>();
        for (BsonDocument d : docs) {
            if (m.matches(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<BsonDocument> project(List<BsonDocument> docs, BsonDocument spec) {
        Projection p = Projection.compile(spec);
        List<BsonDocument> out = new ArrayList<>(docs.size());
        for (BsonDocument d : docs) {
            out.add(p.apply(d, null));
        }
        return out;
    }

    private static BsonDocument unsetSpec(BsonValue spec) {
        BsonDocument p = new BsonDocument();
        if (spec.isString()) {
            p.append(spec.asString().getValue(), new BsonInt32(0));
        } else if (spec.isArray()) {
            for (BsonValue v : spec.asArray()) {
                if (!v.isString()) {
                    throw new CommandFailedException(31120, "Location31120",
                            "$unset specification must be a string or an array containing only string values");
                }
                p.append(v.asString().getValue(), new BsonInt32(0));
            }
        } else {
            throw new CommandFailedException(31002, "Location31002",
                    "$unset specification must be a string or an array");
        }
        return p;
    }

    private static List<BsonDocument> sort(List<BsonDocument> docs, BsonDocument spec) {
        List<BsonDocument> out = new ArrayList<>(docs);
        out.sort(SortSpec.compile(spec).comparator());
        return out;
    }

    private static List<BsonDocument> countStage(List<BsonDocument> docs, BsonValue spec) {
        if (!spec.isString() || spec.asString().getValue().isEmpty()) {
            throw new CommandFailedException(40156, "Location40156", "the count field must be a non-empty string");
        }
        if (docs.isEmpty()) {
            return List.of();
        }
        return List.of(new BsonDocument(spec.asString().getValue(), new BsonInt32(docs.size())));
    }

    private static BsonDocument doc(String stage, BsonValue spec) {
        if (!spec.isDocument()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, stage + " specification must be an object");
        }
        return spec.asDocument();
    }

    private static long count(String stage, BsonValue spec) {
        if (!spec.isNumber() || spec.asNumber().doubleValue() < 0
                || spec.asNumber().doubleValue() != Math.rint(spec.asNumber().doubleValue())) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "invalid argument to " + stage + " stage: " + spec);
        }
        return spec.asNumber().longValue();
    }
}
