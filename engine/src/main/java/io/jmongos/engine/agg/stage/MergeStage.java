package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $merge: {into, on, let, whenMatched, whenNotMatched}} into a collection of the same database. Writes go
 * through {@link MergeTarget}; they happen when the returned (always empty) iterator is first asked
 * {@code hasNext()}.
 */
public final class MergeStage implements Stage {
    private final MergeSpec spec;

    private MergeStage(MergeSpec spec) {
        this.spec = spec;
    }

    public static MergeStage parse(BsonValue spec, Function<BsonValue, SubPipeline> updateParser) {
        return new MergeStage(MergeSpec.parse(spec, updateParser));
    }

    @Override
    public String name() {
        return "$merge";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            @Override
            protected BsonDocument compute() {
                MergeTarget target = ctx.context().mergeTarget(spec.db, spec.coll, spec.on);
                while (input.hasNext()) {
                    mergeOne(target, input.next(), ctx);
                }
                return null;
            }
        };
    }

    private void mergeOne(MergeTarget target, BsonDocument doc, ExecContext ctx) {
        if (spec.on.contains("_id")) {
            doc = OutStage.withId(doc);
        }
        BsonDocument key = new BsonDocument();
        for (String field : spec.on) {
            BsonValue v = DocPaths.get(doc, FieldPath.parse(field));
            if (Values.isNullish(v)) {
                throw AggErrors.fail(51132, "$merge write error: 'on' field cannot be missing, null, undefined or an "
                        + "array");
            }
            if (v.isArray()) {
                throw AggErrors.fail(51185, "$merge write error: 'on' field '" + field + "' is an array");
            }
            key.put(field, v);
        }
        BsonDocument existing = target.find(key);
        if (existing == null) {
            switch (spec.whenNotMatched) {
                case INSERT: target.insert(OutStage.withId(doc)); return;
                case DISCARD: return;
                default:
                    throw AggErrors.fail(13113, "$merge could not find a matching document in the target collection "
                            + "for at least one document in the source collection");
            }
        }
        BsonValue id = existing.get("_id");
        BsonDocument replacement;
        switch (spec.whenMatched) {
            case KEEP_EXISTING:
                return;
            case FAIL:
                throw AggErrors.fail(ErrorCode.DUPLICATE_KEY, "$merge with whenMatched: fail found an existing "
                        + "document with the same values for the 'on' fields: " + key.toJson());
            case REPLACE:
                replacement = doc;
                break;
            case MERGE:
                replacement = DocPaths.copy(existing);
                replacement.putAll(doc);
                break;
            default:
                replacement = runPipeline(existing, doc, ctx);
                break;
        }
        target.replace(id, keepId(replacement, id));
    }

    private BsonDocument runPipeline(BsonDocument existing, BsonDocument doc, ExecContext ctx) {
        Variables vars = ctx.vars();
        for (Map.Entry<String, Expression> e : spec.let.entrySet()) {
            vars = vars.with(e.getKey(), e.getValue().evaluate(doc, ctx.vars()));
        }
        Iterator<BsonDocument> out = spec.pipeline.run(List.of(existing).iterator(), ctx.withVars(vars));
        return out.next();
    }

    /** The replacement with the target's _id first; a different _id fails with 66 ImmutableField. */
    private static BsonDocument keepId(BsonDocument replacement, BsonValue id) {
        BsonValue newId = replacement.get("_id");
        if (newId != null && !Values.equal(newId, id)) {
            throw AggErrors.fail(ErrorCode.IMMUTABLE_FIELD, "$merge failed to update the matching document, did you "
                    + "attempt to modify the _id or the shard key? :: caused by :: Performing an update on the path "
                    + "'_id' would modify the immutable field '_id'");
        }
        BsonDocument out = new BsonDocument("_id", id);
        replacement.forEach((k, v) -> {
            if (!k.equals("_id")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
